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
            if (error is PostgresException postgres && Describe(postgres) is var (serverKind, serverProblem))
            {
                return new StorageFailure(serverKind, path, serverProblem);
            }
            if (error is NpgsqlException { InnerException: System.Net.Sockets.SocketException or IOException or TimeoutException } or NpgsqlException { IsTransient: true }
                && error is not PostgresException)
            {
                return new StorageFailure(StorageFailureKind.Unavailable, path,
                    $"the database server cannot be reached or broke the connection: {ServerReason(error)}; it works again by itself once the server answers");
            }
        }
        return null;
    }

    // SQLSTATE classes and codes (https://www.postgresql.org/docs/current/errcodes-appendix.html) an operator acts on.
    private static (StorageFailureKind, string)? Describe(PostgresException error) => error.SqlState switch
    {
        PostgresErrorCodes.LockNotAvailable => (StorageFailureKind.Busy, "a table is locked by another writer and stayed locked for the whole wait"),
        PostgresErrorCodes.DiskFull => (StorageFailureKind.Full, "the database server's disk is full (PostgreSQL 53100); nothing was written — free space and it works again"),
        PostgresErrorCodes.ReadOnlySqlTransaction => (StorageFailureKind.ReadOnly, "the database server accepts no writes (a standby, or default_transaction_read_only): point Syndication:Postgres at the primary"),
        PostgresErrorCodes.DataCorrupted or PostgresErrorCodes.IndexCorrupted => (StorageFailureKind.Corrupt, $"the database server reports damaged data ({error.SqlState}): {error.MessageText}"),
        var state when state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal)
            || state.StartsWith("57P", StringComparison.Ordinal) || state.StartsWith("28", StringComparison.Ordinal) || state == PostgresErrorCodes.InvalidCatalogName =>
            (StorageFailureKind.Unavailable, $"the database server refused or ended the work ({state}): {error.MessageText}"),
        _ => null,
    };

    private static string ServerReason(Exception error) => error.InnerException is { } inner && error.Message.Length < 20 ? inner.Message : error.Message;

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
