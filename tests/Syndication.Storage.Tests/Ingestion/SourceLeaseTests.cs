using Syndication.Core.Ingestion.Opml;
using Syndication.Storage.Ingestion;
using Syndication.Testing;

namespace Syndication.Storage.Tests.Ingestion;

/// <summary>Poll leases on sources, run on each engine by the classes below: each due source goes to one claimer.</summary>
public abstract class SourceLeaseTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly TestDatabase _temporary;
    private readonly SourceStore _sources;

    protected SourceLeaseTests(TestDatabase temporary)
    {
        _temporary = temporary;
        _sources = new SourceStore(_temporary.Database, _temporary.Clock);
    }

    public async Task InitializeAsync() => await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _temporary.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<List<long>> AddSourcesAsync(int count)
    {
        var outlines = Enumerable.Range(0, count).Select(i => new OpmlOutline($"https://nguon{i}.example/rss", $"Nguồn {i}", null, null)).ToList();
        await _sources.SyncOpmlAsync(outlines, CancellationToken.None);
        return [.. (await _sources.ListAsync(false, CancellationToken.None)).Select(source => source.Id)];
    }

    private async Task SaveAsync(long id, DateTimeOffset nextPoll, string? owner) =>
        await new EntryStore(_temporary.Database).SavePollAsync(new PollRecord
        {
            SourceId = id,
            PolledAt = _temporary.Clock.GetUtcNow(),
            Succeeded = true,
            NextPoll = nextPoll,
            IntervalMinutes = 30,
            LeaseOwner = owner,
        }, [], CancellationToken.None);

    [DatabaseFact]
    public async Task Concurrent_claimers_never_get_the_same_source()
    {
        var ids = await AddSourcesAsync(60);

        // Four claimers, as four nodes would, each taking a few at a time until nothing is left.
        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(node => Task.Run(async () =>
        {
            var mine = new List<long>();
            while (true)
            {
                var claimed = await _sources.ClaimDueAsync($"nut-{node}", Lease, 3, CancellationToken.None);
                if (claimed.Count == 0)
                {
                    return mine;
                }
                mine.AddRange(claimed.Select(source => source.Id));
            }
        })));

        var all = claims.SelectMany(ids => ids).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(ids.Order(), all.Order());
    }

    [DatabaseFact]
    public async Task A_live_lease_is_not_claimable_and_an_expired_one_is()
    {
        await AddSourcesAsync(2);
        var first = await _sources.ClaimDueAsync("nut-a", Lease, 10, CancellationToken.None);
        Assert.Equal(2, first.Count);

        _temporary.Clock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Empty(await _sources.ClaimDueAsync("nut-b", Lease, 10, CancellationToken.None));
        Assert.Null(await _sources.ClaimAsync(first[0].Id, "nut-b", Lease, CancellationToken.None));

        // nut-a died without a word: its leases run out and nut-b takes both sources.
        _temporary.Clock.Advance(TimeSpan.FromSeconds(2));
        var second = await _sources.ClaimDueAsync("nut-b", Lease, 10, CancellationToken.None);
        Assert.Equal(first.Select(source => source.Id), second.Select(source => source.Id));
    }

    [DatabaseFact]
    public async Task A_renewed_lease_outlives_its_first_term_and_a_lost_one_cannot_be_renewed()
    {
        var ids = await AddSourcesAsync(1);
        await _sources.ClaimDueAsync("nut-a", Lease, 10, CancellationToken.None);

        _temporary.Clock.Advance(Lease / 2);
        Assert.True(await _sources.RenewLeaseAsync(ids[0], "nut-a", Lease, CancellationToken.None));
        _temporary.Clock.Advance(Lease * 0.9);
        Assert.Empty(await _sources.ClaimDueAsync("nut-b", Lease, 10, CancellationToken.None));

        _temporary.Clock.Advance(Lease);
        Assert.Single(await _sources.ClaimDueAsync("nut-b", Lease, 10, CancellationToken.None));
        Assert.False(await _sources.RenewLeaseAsync(ids[0], "nut-a", Lease, CancellationToken.None));
    }

    [DatabaseFact]
    public async Task Saving_a_poll_ends_its_own_lease_and_the_stored_next_poll_is_the_schedule()
    {
        var ids = await AddSourcesAsync(1);
        await _sources.ClaimDueAsync("nut-a", Lease, 10, CancellationToken.None);
        var next = _temporary.Clock.GetUtcNow().AddMinutes(30);

        await SaveAsync(ids[0], next, "nut-a");

        Assert.Empty(await _sources.ClaimDueAsync("nut-b", Lease, 10, CancellationToken.None));
        Assert.Equal(next, await _sources.NextClaimableAsync(CancellationToken.None));
        _temporary.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Single(await _sources.ClaimDueAsync("nut-b", Lease, 10, CancellationToken.None));
    }

    [DatabaseFact]
    public async Task A_poll_saved_after_its_lease_was_lost_leaves_the_new_holders_lease()
    {
        var ids = await AddSourcesAsync(1);
        await _sources.ClaimDueAsync("nut-a", Lease, 10, CancellationToken.None);
        _temporary.Clock.Advance(Lease * 2);
        await _sources.ClaimDueAsync("nut-b", Lease, 10, CancellationToken.None);

        await SaveAsync(ids[0], _temporary.Clock.GetUtcNow(), "nut-a");
        await _sources.ReleaseLeaseAsync(ids[0], "nut-a", null, CancellationToken.None);

        Assert.Empty(await _sources.ClaimDueAsync("nut-c", Lease, 10, CancellationToken.None));
        Assert.Equal(1, await _sources.ReleaseLeasesAsync("nut-b", CancellationToken.None));
        Assert.Single(await _sources.ClaimDueAsync("nut-c", Lease, 10, CancellationToken.None));
    }

    [DatabaseFact]
    public async Task Claims_take_the_most_overdue_first_and_not_what_is_not_due()
    {
        var ids = await AddSourcesAsync(3);
        var now = _temporary.Clock.GetUtcNow();
        await SaveAsync(ids[0], now.AddMinutes(-1), null);
        await SaveAsync(ids[1], now.AddMinutes(-5), null);
        await SaveAsync(ids[2], now.AddMinutes(5), null);

        var claimed = await _sources.ClaimDueAsync("nut-a", Lease, 1, CancellationToken.None);
        Assert.Equal(ids[1], Assert.Single(claimed).Id);
        Assert.Equal(ids[0], Assert.Single(await _sources.ClaimDueAsync("nut-a", Lease, 10, CancellationToken.None)).Id);
        // The two leased ones come back when their leases end, before the third is due.
        Assert.Equal(now + Lease, await _sources.NextClaimableAsync(CancellationToken.None));
        await _sources.ReleaseLeaseAsync(ids[0], "nut-a", now.AddMinutes(30), CancellationToken.None);
        await _sources.ReleaseLeaseAsync(ids[1], "nut-a", now.AddMinutes(30), CancellationToken.None);
        Assert.Equal(now.AddMinutes(5), await _sources.NextClaimableAsync(CancellationToken.None));

        Assert.True(await _sources.MakeDueAsync(ids[2], CancellationToken.None));
        Assert.Equal(ids[2], Assert.Single(await _sources.ClaimDueAsync("nut-a", Lease, 10, CancellationToken.None)).Id);
        Assert.Equal(now + Lease, await _sources.NextClaimableAsync(CancellationToken.None));
    }

    [DatabaseFact]
    public async Task Claiming_several_at_once_takes_those_free_and_active_in_the_order_given_due_or_not()
    {
        var ids = await AddSourcesAsync(5);
        await SaveAsync(ids[4], _temporary.Clock.GetUtcNow().AddHours(2), null);
        Assert.NotNull(await _sources.ClaimAsync(ids[1], "nut-b", Lease, CancellationToken.None));
        await _sources.RemoveAsync(ids[2], CancellationToken.None);

        var claimed = await _sources.ClaimAsync([ids[4], ids[3], ids[2], ids[1], ids[0], ids[3]], "nut-a", Lease, CancellationToken.None);

        Assert.Equal([ids[4], ids[3], ids[0]], claimed.Select(source => source.Id));
        Assert.Empty(await _sources.ClaimAsync([ids[4], ids[3], ids[0]], "nut-b", Lease, CancellationToken.None));
        Assert.Empty(await _sources.ClaimAsync([], "nut-b", Lease, CancellationToken.None));
    }

    [DatabaseFact]
    public async Task Removed_sources_are_never_claimed()
    {
        var ids = await AddSourcesAsync(2);
        await _sources.RemoveAsync(ids[0], CancellationToken.None);

        Assert.Equal(ids[1], Assert.Single(await _sources.ClaimDueAsync("nut-a", Lease, 10, CancellationToken.None)).Id);
        Assert.Null(await _sources.ClaimAsync(ids[0], "nut-a", Lease, CancellationToken.None));
        Assert.False(await _sources.MakeDueAsync(ids[0], CancellationToken.None));
    }
}

public sealed class SqliteSourceLeaseTests() : SourceLeaseTests(new TemporaryDatabase());

[Collection(PostgresTests.Name)]
public sealed class PostgresSourceLeaseTests(PostgresServer server) : SourceLeaseTests(new PostgresTestDatabase(server));
