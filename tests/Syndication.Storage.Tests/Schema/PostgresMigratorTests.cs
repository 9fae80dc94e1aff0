using Dapper;
using Syndication.Storage.Postgres;
using Syndication.Storage.Schema;
using Syndication.Testing;

namespace Syndication.Storage.Tests.Schema;

[Collection(PostgresTests.Name)]
public sealed class PostgresMigratorTests(PostgresServer server) : IDisposable
{
    private readonly PostgresTestDatabase _temporary = new(server);

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public void Both_engines_have_the_same_schema_versions()
    {
        Assert.Equal(Migrations.All.Select(migration => migration.Version), PostgresMigrations.All.Select(migration => migration.Version));
    }

    [DatabaseFact]
    public async Task Three_nodes_starting_at_once_on_an_empty_database_migrate_it_once()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var nodes = Enumerable.Range(0, 3).Select(_ => new PostgresDatabase(connectionString)).ToList();
        try
        {
            var applied = await Task.WhenAll(nodes.Select(node => Task.Run(() => new Migrator(node, _temporary.Clock).MigrateAsync(CancellationToken.None))));

            Assert.Equal(PostgresMigrations.All.Count, applied.Sum());
            await using var connection = await nodes[0].OpenAsync(CancellationToken.None);
            Assert.Equal(PostgresMigrations.All.Count, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM schema_version"));
            Assert.Equal(nodes[0].LatestVersion, await new Migrator(nodes[1], _temporary.Clock).CurrentVersionAsync(CancellationToken.None));
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    [DatabaseFact]
    public async Task Migrating_again_applies_nothing_and_the_version_reads_zero_before()
    {
        var migrator = _temporary.CreateMigrator();

        Assert.Equal(0, await migrator.CurrentVersionAsync(CancellationToken.None));
        Assert.Equal(PostgresMigrations.All.Count, await migrator.MigrateAsync(CancellationToken.None));
        Assert.Equal(0, await migrator.MigrateAsync(CancellationToken.None));
        Assert.Equal(Migrator.LatestVersion, await migrator.CurrentVersionAsync(CancellationToken.None));
    }
}
