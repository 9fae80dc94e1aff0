using System.Data.Common;
using Dapper;

namespace Syndication.Storage.Maintenance;

/// <summary>
/// Housekeeping: on SQLite a WAL checkpoint, <c>PRAGMA optimize</c>, online backup and a quick integrity check; on
/// PostgreSQL only <c>ANALYZE</c> (the server checkpoints and vacuums itself, and <c>pg_dump</c> backs it up).
/// </summary>
public sealed class DatabaseMaintenance(Database database)
{
    /// <summary>Copies the WAL into the database file and truncates the WAL to zero bytes, so the file is complete on its own; nothing on PostgreSQL.</summary>
    public async Task<WalCheckpoint> CheckpointAsync(CancellationToken cancellationToken)
    {
        if (database.Engine != DatabaseEngine.Sqlite)
        {
            return new WalCheckpoint(false, 0, 0);
        }
        if (database is SqliteDatabase sqlite)
        {
            await sqlite.BackgroundCheckpoint.WaitAsync(cancellationToken);
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var (busy, log, checkpointed) = await connection.QuerySingleAsync<(long, long, long)>(
            new CommandDefinition("PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken: cancellationToken));
        return new WalCheckpoint(busy != 0, log, checkpointed);
    }

    /// <summary>Lets the database refresh the statistics its query planner uses (SQLite where they are stale).</summary>
    public async Task OptimizeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var sql = database.Engine == DatabaseEngine.Sqlite ? "PRAGMA optimize" : "ANALYZE";
        await connection.ExecuteAsync(new CommandDefinition(sql, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Writes a consistent copy of the database (as of one read transaction, safe while others write) to <paramref name="path"/>:
    /// <c>VACUUM INTO</c> a temporary file beside it, then a rename, so <paramref name="path"/> is never half written.
    /// Returns the copy's size in bytes.
    /// </summary>
    /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
    /// <exception cref="NotSupportedException">The store is PostgreSQL: back it up with pg_dump.</exception>
    public async Task<long> BackupAsync(string path, bool overwrite, CancellationToken cancellationToken)
    {
        if (database.Engine != DatabaseEngine.Sqlite)
        {
            throw new NotSupportedException($"the store is PostgreSQL ({database.Description}): back it up with pg_dump, e.g. pg_dump --format=custom --file=syndication.dump DBNAME");
        }
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

    /// <summary>Runs <c>PRAGMA quick_check</c> (every page's structure, not index contents) on SQLite; returns the problems
    /// found, none when the file is sound (and on PostgreSQL, which checks itself).</summary>
    /// <exception cref="DbException">The file cannot be read at all (not a database, unreadable, locked).</exception>
    public async Task<IReadOnlyList<string>> QuickCheckAsync(CancellationToken cancellationToken)
    {
        if (database.Engine != DatabaseEngine.Sqlite)
        {
            return [];
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<string>(new CommandDefinition("PRAGMA quick_check", cancellationToken: cancellationToken))).ToList();
        return rows is ["ok"] ? [] : rows;
    }

    /// <summary>
    /// Reads the header, the schema and the first row of every table (its root page and the pages down to its first
    /// leaf) on SQLite: milliseconds, where <see cref="QuickCheckAsync"/> reads every page (seconds on a large archive).
    /// A file overwritten, truncated or damaged in its schema or tables' roots fails it; damage deeper in a table does not.
    /// </summary>
    /// <exception cref="DbException">A page it reads is damaged, or the file is not a database.</exception>
    public async Task ReadTablesAsync(CancellationToken cancellationToken)
    {
        if (database.Engine != DatabaseEngine.Sqlite)
        {
            return;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        // Virtual tables (FTS5) keep their rows in ordinary shadow tables, which are read here.
        var tables = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'", cancellationToken: cancellationToken));
        foreach (var table in tables)
        {
            // The names come from the file's own schema, quoted as SQLite quotes identifiers.
            var sql = $"SELECT 1 FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\" LIMIT 1";
            await connection.ExecuteScalarAsync(new CommandDefinition(sql, cancellationToken: cancellationToken));
        }
    }

    /// <summary>As <see cref="QuickCheckAsync"/>, with a file that cannot be read at all counted as a problem.</summary>
    public async Task<IReadOnlyList<string>> IntegrityCheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await QuickCheckAsync(cancellationToken);
        }
        catch (DbException error)
        {
            // A file that is not a database at all (SQLITE_NOTADB) or is damaged past opening is a failed check, not a crash.
            return [error.Message];
        }
    }
}
