using Syndication.Storage.Cluster;
using Syndication.Testing;

namespace Syndication.Storage.Tests.Cluster;

/// <summary>Job leases, run on each engine by the classes below: one holder per job name at a time.</summary>
public abstract class JobLeaseStoreTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);
    private readonly TestDatabase _temporary;
    private readonly JobLeaseStore _leases;

    protected JobLeaseStoreTests(TestDatabase temporary)
    {
        _temporary = temporary;
        _leases = new JobLeaseStore(_temporary.Database, _temporary.Clock);
    }

    public async Task InitializeAsync() => await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _temporary.Dispose();
        GC.SuppressFinalize(this);
    }

    [DatabaseFact]
    public async Task Of_claimers_racing_for_a_new_job_exactly_one_wins()
    {
        for (var round = 0; round < 20; round++)
        {
            var job = $"export-{round}";
            var wins = await Task.WhenAll(Enumerable.Range(0, 4).Select(node =>
                Task.Run(() => _leases.TryClaimAsync(job, $"nut-{node}", Lease, CancellationToken.None))));

            Assert.Single(wins, won => won);
            Assert.Equal($"nut-{Array.IndexOf(wins, true)}", await _leases.HolderAsync(job, CancellationToken.None));
        }
    }

    [DatabaseFact]
    public async Task The_holder_keeps_its_lease_and_another_takes_it_only_after_it_runs_out()
    {
        Assert.True(await _leases.TryClaimAsync("retention", "nut-a", Lease, CancellationToken.None));
        Assert.False(await _leases.TryClaimAsync("retention", "nut-b", Lease, CancellationToken.None));
        Assert.True(await _leases.TryClaimAsync("maintenance", "nut-b", Lease, CancellationToken.None));

        _temporary.Clock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.True(await _leases.TryClaimAsync("retention", "nut-a", Lease, CancellationToken.None));
        _temporary.Clock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.False(await _leases.TryClaimAsync("retention", "nut-b", Lease, CancellationToken.None));

        // nut-a is gone: its lease runs out and nut-b takes over.
        _temporary.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await _leases.TryClaimAsync("retention", "nut-b", Lease, CancellationToken.None));
        Assert.Equal("nut-b", await _leases.HolderAsync("retention", CancellationToken.None));
    }

    [DatabaseFact]
    public async Task A_stopping_node_hands_its_jobs_over_at_once()
    {
        await _leases.TryClaimAsync("relating", "nut-a", Lease, CancellationToken.None);

        Assert.Equal(1, await _leases.ReleaseAllAsync("nut-a", CancellationToken.None));

        Assert.Null(await _leases.HolderAsync("relating", CancellationToken.None));
        Assert.True(await _leases.TryClaimAsync("relating", "nut-b", Lease, CancellationToken.None));
    }
}

public sealed class SqliteJobLeaseStoreTests() : JobLeaseStoreTests(new TemporaryDatabase());

[Collection(PostgresTests.Name)]
public sealed class PostgresJobLeaseStoreTests(PostgresServer server) : JobLeaseStoreTests(new PostgresTestDatabase(server));
