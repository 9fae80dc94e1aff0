using Dapper;
using Npgsql;
using Syndication.Testing;

namespace Syndication.Worker.Tests.Cluster;

/// <summary>
/// Two real hosts on one PostgreSQL database, each exporting on a one-second schedule into a folder of its own: the
/// export runs on the node holding its lease and on no other, and moves to the other node when the holder stops.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class ClusterJobTests(PostgresServer server) : IAsyncLifetime
{
    private const string ExportJob = "publishing.static-export";
    private readonly string _rootA = ServiceUnderTest.NewRoot();
    private readonly string _rootB = ServiceUnderTest.NewRoot();
    private string _database = "";

    public async Task InitializeAsync()
    {
        if (PostgresServer.SkipReason is null)
        {
            _database = await server.CreateDatabaseAsync();
        }
    }

    public Task DisposeAsync()
    {
        ServiceUnderTest.DeleteRoot(_rootA);
        ServiceUnderTest.DeleteRoot(_rootB);
        return Task.CompletedTask;
    }

    private Task<ServiceUnderTest> StartAsync(string root, string node) =>
        ServiceUnderTest.StartAsync(root,
            "--Syndication:NodeName", node,
            "--Syndication:Postgres", _database,
            "--Syndication:PublicBaseUrl", "https://bao.example.vn/",
            "--Syndication:Export:Directory", Path.Combine(root, "export"),
            "--Syndication:Export:IntervalSeconds", "1");

    private async Task<(string? Owner, string? Until)> LeaseAsync()
    {
        await using var connection = new NpgsqlConnection(_database);
        var row = await connection.QuerySingleOrDefaultAsync<(string Owner, string Until)?>(
            "SELECT owner, until_utc FROM job_leases WHERE name = @Name", new { Name = ExportJob });
        return row is { } lease ? (lease.Owner, lease.Until) : (null, null);
    }

    private static bool Exported(string root) => File.Exists(Path.Combine(root, "export", "feeds", "rss.xml"));

    [DatabaseFact]
    public async Task The_export_runs_on_the_node_holding_its_lease_only_and_moves_when_that_node_stops()
    {
        await using var a = await StartAsync(_rootA, "nut-a");
        await using var b = await StartAsync(_rootB, "nut-b");

        var (owner, until) = await Eventually.ValueAsync(LeaseAsync, lease => lease.Owner is not null, "a node took the export's lease");
        var (holder, holderRoot, other, otherRoot) = owner!.StartsWith("nut-a/", StringComparison.Ordinal)
            ? (a, _rootA, b, _rootB) : (b, _rootB, a, _rootA);
        await Eventually.TrueAsync(() => Exported(holderRoot), "the holder exported");
        // Two more renewals: two more periods in which the other node's trigger fired and was turned away.
        for (var renewal = 0; renewal < 2; renewal++)
        {
            var before = until;
            (_, until) = await Eventually.ValueAsync(LeaseAsync, lease => string.CompareOrdinal(lease.Until, before) > 0, "the holder renewed its lease");
        }
        Assert.Equal(owner, (await LeaseAsync()).Owner);
        Assert.False(Exported(otherRoot), "the node without the lease exported too");

        await holder.StopAsync();

        await Eventually.TrueAsync(() => Exported(otherRoot), "the other node took the export over");
        Assert.NotEqual(owner, (await LeaseAsync()).Owner);
    }
}
