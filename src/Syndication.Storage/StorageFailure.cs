using Microsoft.Data.Sqlite;
using Npgsql;

namespace Syndication.Storage;

/// <summary>A failure of the database file itself (not of a statement), named in words an operator can act on.</summary>
public sealed record StorageFailure(StorageFailureKind Kind, string Path, string Problem)
{
    /// <summary>One line: the file, then the problem.</summary>
    public override string ToString() => $"{Path}: {Problem}";

    /// <summary>True when the trouble may pass by itself (a lock let go, space freed); a damaged file stays damaged.</summary>
    public bool MayPass => Kind is not StorageFailureKind.Corrupt;

    /// <summary>The storage failure behind <paramref name="error"/> (or an exception it wraps), or null when it is not one.</summary>
    public static StorageFailure? From(Exception? error, string path)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is SqliteException sqlite && Describe(sqlite) is var (kind, problem))
            {
                return new StorageFailure(kind, path, kind == StorageFailureKind.Unavailable ? problem + Why(path) : problem);
            }
            if (error is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable })
            {
                return new StorageFailure(StorageFailureKind.Busy, path, "a table is locked by another writer and stayed locked for the whole wait");
            }
        }
        return null;
    }

    // Primary result codes (https://sqlite.org/rescode.html); the low byte of an extended code is its primary code.
    private static (StorageFailureKind, string)? Describe(SqliteException error) => (error.SqliteErrorCode & 0xFF) switch
    {
        5 or 6 => (StorageFailureKind.Busy, "the database is locked by another writer and stayed locked for the whole busy timeout (Syndication:BusyTimeoutMs)"),
        13 => (StorageFailureKind.Full, "the disk or the database's size limit is full (SQLite: database or disk is full); nothing was written — free space and it works again"),
        8 => (StorageFailureKind.ReadOnly, "the database cannot be written (a read-only file, folder or filesystem): check its permissions and mount"),
        11 => (StorageFailureKind.Corrupt, "the database file is damaged (SQLite: database disk image is malformed); restore a backup"),
        26 => (StorageFailureKind.Corrupt, "the file is not a SQLite database (damaged, truncated or overwritten); restore a backup"),
        3 or 10 or 14 or 22 or 23 => (StorageFailureKind.Unavailable, $"the database cannot be opened, read or written: {Reason(error)}"),
        _ => null,
    };

    /// <summary>SQLite says only "unable to open database file"; the system says why (a read-only filesystem, a missing folder).</summary>
    private static string Why(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return System.IO.Path.GetDirectoryName(path) is { } folder && !Directory.Exists(folder) ? $" (the folder {folder} does not exist)" : "";
            }
            using var file = File.Open(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            return "";
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return $" ({error.Message})";
        }
    }

    /// <summary>SQLite's own words without Microsoft.Data.Sqlite's "SQLite Error N: " prefix.</summary>
    private static string Reason(SqliteException error)
    {
        var message = error.Message;
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = message.LastIndexOf('\'');
        return start >= 0 && end > start ? message[(start + 1)..end] : message;
    }
}
