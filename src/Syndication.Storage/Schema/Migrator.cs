using Dapper;

namespace Syndication.Storage.Schema;

/// <summary>Brings the database to the newest schema of its engine: each missing migration in its own transaction.</summary>
/// <remarks>
/// A step is applied when its version is missing, not when it is above the highest applied: versions may have gaps,
/// and a step merged in below one already applied (two branches each adding one) still runs. Both engines have the
/// same versions. Several nodes starting at once on PostgreSQL wait for each other on an advisory lock, so each step
/// runs once; on SQLite each step's write transaction is lock enough.
/// </remarks>
public sealed class Migrator
{
    private readonly Database _database;
    private readonly TimeProvider _clock;
    private readonly IReadOnlyList<Migration> _migrations;

    public Migrator(Database database, TimeProvider clock)
        : this(database, clock, database.Migrations)
    {
    }

    /// <summary>With other steps than the schema's own, for tests of the migrator itself.</summary>
    internal Migrator(Database database, TimeProvider clock, IReadOnlyList<Migration> migrations)
    {
        _database = database;
        _clock = clock;
        _migrations = migrations;
    }

    /// <summary>The highest version: steps reserved in ranges per branch may be listed out of order.</summary>
    public static int LatestVersion => Migrations.All.Max(migration => migration.Version);

    /// <summary>The newest version this build knows for the database's engine.</summary>
    public int Latest => _migrations.Max(migration => migration.Version);

    /// <summary>Applies what is missing and returns how many migrations ran; a second run is a no-op.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var schemaLock = await _database.LockSchemaAsync(connection, cancellationToken);
        await connection.ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS schema_version (
                version INTEGER PRIMARY KEY,
                description TEXT NOT NULL,
                applied_utc TEXT NOT NULL
            );
            """);
        // Read once: a database that is up to date (every start) takes no write transaction per step.
        var present = (await connection.QueryAsync<long>("SELECT version FROM schema_version")).ToHashSet();
        var applied = 0;
        foreach (var migration in _migrations.Where(migration => !present.Contains(migration.Version)))
        {
            await using var transaction = await _database.BeginWriteAsync(connection, cancellationToken);
            // Checked inside the transaction, so two processes starting at once cannot both apply a step.
            var done = await connection.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM schema_version WHERE version = @Version", new { migration.Version }, transaction);
            if (done > 0)
            {
                continue;
            }
            await connection.ExecuteAsync(migration.Sql, transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO schema_version (version, description, applied_utc) VALUES (@Version, @Description, @Applied)",
                new { migration.Version, migration.Description, Applied = Timestamps.ToText(_clock.GetUtcNow()) },
                transaction);
            await transaction.CommitAsync(cancellationToken);
            applied++;
        }
        return applied;
    }

    public async Task<int> CurrentVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await _database.HasTableAsync(connection, "schema_version")
            ? await connection.ExecuteScalarAsync<int>("SELECT coalesce(max(version), 0) FROM schema_version")
            : 0;
    }
}
