using Syndication.Storage.Postgres;
using Syndication.Testing;

namespace Syndication.Storage.Tests;

/// <summary>A database of its own on the run's private PostgreSQL server, with a clock the test moves.</summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly PostgresDatabase? _database;

    public PostgresTestDatabase(PostgresServer server)
    {
        // Null where the tests are skipped (no server): nothing of it is then used.
        _database = PostgresServer.SkipReason is null ? new PostgresDatabase(server.CreateDatabaseAsync().GetAwaiter().GetResult()) : null;
    }

    public override PostgresDatabase Database => _database ?? throw new InvalidOperationException(PostgresServer.InstallHint);

    public override string ClearSearchIndexesSql => "DELETE FROM article_search; DELETE FROM entry_search;";

    public override void Dispose() => _database?.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
