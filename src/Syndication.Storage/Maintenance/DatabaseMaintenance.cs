using Dapper;
using Microsoft.Data.Sqlite;

namespace Syndication.Storage.Maintenance;

/// <summary>Housekeeping of the SQLite file: WAL checkpoint, <c>PRAGMA optimize</c>, online backup and a quick integrity check.</summary>
public sealed class DatabaseMaintenance(SqliteDatabase database)
{
    /// <summary>Copies the WAL into the database file and truncates the WAL to zero bytes, so the file is complete on its own.</summary>
    public async Task<WalCheckpoint> CheckpointAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var (busy, log, checkpointed) = await connection.QuerySingleAsync<(long, long, long)>(
            new CommandDefinition("PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken: cancellationToken));
        return new WalCheckpoint(busy != 0, log, checkpointed);
    }

    /// <summary>Lets SQLite refresh the statistics its query planner uses, where they are stale.</summary>
    public async Task OptimizeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA optimize", cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Writes a consistent copy of the database (as of one read transaction, safe while others write) to <paramref name="path"/>:
    /// <c>VACUUM INTO</c> a temporary file beside it, then a rename, so <paramref name="path"/> is never half written.
    /// Returns the copy's size in bytes.
    /// </summary>
    /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    public async Task<long> BackupAsync(string path, bool overwrite, CancellationToken cancellationToken)
    {
        var target = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"the folder {folder} does not exist");
        }
        if (!overwrite && File.Exists(target))
        {
            throw new IOException($"{target} already exists");
        }
        var temporary = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                await connection.ExecuteAsync(new CommandDefinition("VACUUM INTO @temporary", new { temporary }, cancellationToken: cancellationToken));
            }
            // Same folder, so the rename is atomic; without overwrite it also fails if someone created the file meanwhile.
            File.Move(temporary, target, overwrite);
        }
        finally
        {
            File.Delete(temporary);
        }
        return new FileInfo(target).Length;
    }

    /// <summary>Runs <c>PRAGMA quick_check</c> (every page's structure, not index contents); returns the problems found,
    /// none when the file is sound.</summary>
    /// <exception cref="SqliteException">The file cannot be read at all (not a database, unreadable, locked).</exception>
    public async Task<IReadOnlyList<string>> QuickCheckAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<string>(new CommandDefinition("PRAGMA quick_check", cancellationToken: cancellationToken))).ToList();
        return rows is ["ok"] ? [] : rows;
    }

    /// <summary>As <see cref="QuickCheckAsync"/>, with a file that cannot be read at all counted as a problem.</summary>
    public async Task<IReadOnlyList<string>> IntegrityCheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await QuickCheckAsync(cancellationToken);
        }
        catch (SqliteException error)
        {
            // A file that is not a database at all (SQLITE_NOTADB) or is damaged past opening is a failed check, not a crash.
            return [error.Message];
        }
    }
}
