using Dapper;
using Microsoft.Data.Sqlite;

namespace Syndication.Storage.Schema;

/// <summary>Brings the database to the newest schema: WAL mode, then each missing migration in its own transaction.</summary>
/// <remarks>
/// A step is applied when its version is missing, not when it is above the highest applied: versions may have gaps,
/// and a step merged in below one already applied (two branches each adding one) still runs.
/// </remarks>
public sealed class Migrator
{
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _clock;
    private readonly IReadOnlyList<Migration> _migrations;

    public Migrator(SqliteDatabase database, TimeProvider clock)
        : this(database, clock, Migrations.All)
    {
    }

    /// <summary>With other steps than the schema's own, for tests of the migrator itself.</summary>
    internal Migrator(SqliteDatabase database, TimeProvider clock, IReadOnlyList<Migration> migrations)
    {
        _database = database;
        _clock = clock;
        _migrations = migrations;
    }

    public static int LatestVersion => Migrations.All.Max(migration => migration.Version);

    /// <summary>Applies what is missing and returns how many migrations ran; a second run is a no-op.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
        await connection.ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS schema_version (
                version INTEGER PRIMARY KEY,
                description TEXT NOT NULL,
                applied_utc TEXT NOT NULL
            );
            """);
        var applied = 0;
        foreach (var migration in _migrations)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
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
        var exists = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'");
        return exists == 0 ? 0 : await connection.ExecuteScalarAsync<int>("SELECT coalesce(max(version), 0) FROM schema_version");
    }
}
