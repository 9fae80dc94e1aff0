using Syndication.Core.Ingestion.Opml;
using Syndication.Core.Ingestion.Sources;
using Syndication.Storage.Ingestion;
using Syndication.Storage.WebSub;
using Syndication.Testing;

namespace Syndication.Storage.Tests.WebSub;

/// <summary>WebSub subscription rows, run on each engine by the classes below: recorded, requested, verified, refused, lapsed.</summary>
public abstract class PushSubscriptionStoreTests : IAsyncLifetime, IDisposable
{
    private const string Hub = "https://hub.example.net/";
    private const string Topic = "https://nguon.example/rss";
    private static readonly TimeSpan Silence = TimeSpan.FromDays(1);
    private readonly TestDatabase _temporary;
    private readonly SourceStore _sources;
    private readonly PushSubscriptionStore _store;
    private Source _source = null!;

    protected PushSubscriptionStoreTests(TestDatabase temporary)
    {
        _temporary = temporary;
        _sources = new SourceStore(_temporary.Database, _temporary.Clock);
        _store = new PushSubscriptionStore(_temporary.Database, _temporary.Clock);
    }

    private DateTimeOffset Now => _temporary.Clock.GetUtcNow();

    public async Task InitializeAsync()
    {
        await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);
        _source = await _sources.AddAsync(new OpmlOutline(Topic, null, null, null), SourceOrigins.Cli, CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _temporary.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<PushSubscription> ActiveAsync(int leaseSeconds = 3600)
    {
        await _store.RecordHubAsync(_source.Id, Hub, Topic, "token-1", "secret-1", CancellationToken.None);
        await _store.MarkRequestedAsync(_source.Id, Now.AddHours(1), CancellationToken.None);
        return (await _store.VerifyAsync("token-1", Topic, leaseSeconds, Now.AddSeconds(leaseSeconds * 0.8), Now.AddDays(1), CancellationToken.None))!;
    }

    [DatabaseFact]
    public async Task A_hub_is_recorded_once_due_at_once_and_replaced_with_a_new_token_when_it_changes()
    {
        Assert.True(await _store.RecordHubAsync(_source.Id, Hub, Topic, "token-1", "secret-1", CancellationToken.None));
        Assert.False(await _store.RecordHubAsync(_source.Id, Hub, Topic, "token-2", "secret-2", CancellationToken.None));

        var due = Assert.Single(await _store.DueAsync(10, CancellationToken.None));
        Assert.Equal((PushStates.Pending, "token-1", "secret-1", Hub), (due.State, due.Token, due.Secret, due.HubUrl));

        Assert.True(await _store.RecordHubAsync(_source.Id, "https://other-hub.example.net/", Topic, "token-3", "secret-3", CancellationToken.None));
        var replaced = (await _store.GetAsync(_source.Id, CancellationToken.None))!;
        Assert.Equal(("https://other-hub.example.net/", "token-3", PushStates.Pending), (replaced.HubUrl, replaced.Token, replaced.State));
        Assert.Null(await _store.GetByTokenAsync("token-1", CancellationToken.None));
        Assert.Equal(_source.Id, (await _store.GetByTokenAsync("token-3", CancellationToken.None))!.SourceId);
    }

    [DatabaseFact]
    public async Task Verification_matches_only_our_token_and_topic_activates_the_lease_and_stretches_the_next_poll()
    {
        await _store.RecordHubAsync(_source.Id, Hub, Topic, "token-1", "secret-1", CancellationToken.None);
        Assert.Null(await _store.VerifyAsync("token-1", Topic, 600, Now, Now, CancellationToken.None)); // not requested yet
        await _store.MarkRequestedAsync(_source.Id, Now.AddHours(1), CancellationToken.None);
        Assert.Equal(PushStates.Requested, (await _store.GetAsync(_source.Id, CancellationToken.None))!.State);
        Assert.Empty(await _store.DueAsync(10, CancellationToken.None));

        Assert.Null(await _store.VerifyAsync("token-1", "https://khac.example/rss", 600, Now, Now, CancellationToken.None));
        Assert.Null(await _store.VerifyAsync("token-x", Topic, 600, Now, Now, CancellationToken.None));
        var active = await _store.VerifyAsync("token-1", Topic, 600, Now.AddSeconds(480), Now.AddDays(1), CancellationToken.None);

        Assert.NotNull(active);
        Assert.Equal((PushStates.Active, 600, Now.AddSeconds(600), Now.AddSeconds(480)), (active.State, active.LeaseSeconds, active.LeaseExpires, active.NextAttempt));
        Assert.True(active.IsPushing(Now, Silence));
        Assert.Equal(Now.AddDays(1), (await _sources.GetAsync(_source.Id, CancellationToken.None))!.NextPoll);
    }

    [DatabaseFact]
    public async Task A_failed_renewal_keeps_a_running_lease_active_and_a_denial_ends_it()
    {
        await ActiveAsync();
        await _store.MarkRequestedAsync(_source.Id, Now.AddMinutes(10), CancellationToken.None);
        await _store.MarkFailedAsync(_source.Id, "HTTP 500 " + new string('x', 2000), Now.AddHours(1), CancellationToken.None);

        var renewing = (await _store.GetAsync(_source.Id, CancellationToken.None))!;
        Assert.Equal(PushStates.Active, renewing.State);
        Assert.Equal(Now.AddHours(1), renewing.NextAttempt);
        Assert.True(renewing.LastError!.Length <= PushSubscriptionStore.ErrorLength + 1);

        Assert.False(await _store.DenyAsync("token-1", "https://khac.example/rss", "no", Now, CancellationToken.None));
        Assert.True(await _store.DenyAsync("token-1", Topic, "chủ đề không được phép", Now.AddDays(1), CancellationToken.None));
        var denied = (await _store.GetAsync(_source.Id, CancellationToken.None))!;
        Assert.Equal((PushStates.Denied, null, "denied by the hub: chủ đề không được phép"), (denied.State, denied.LeaseExpires, denied.LastError));
        Assert.False(denied.IsPushing(Now, Silence));
    }

    [DatabaseFact]
    public async Task A_renewal_refused_after_the_lease_ran_out_or_a_denial_of_a_running_lease_makes_the_source_due_now()
    {
        // The renewal was asked while the lease ran; the hub's refusal comes back after it ran out, before any lapse round.
        await ActiveAsync(leaseSeconds: 600);
        Assert.True((await _sources.GetAsync(_source.Id, CancellationToken.None))!.NextPoll > Now.AddHours(23));
        await _store.MarkRequestedAsync(_source.Id, Now.AddMinutes(10), CancellationToken.None);
        _temporary.Clock.Advance(TimeSpan.FromSeconds(601));

        Assert.True(await _store.MarkFailedAsync(_source.Id, "HTTP 500", Now.AddHours(1), CancellationToken.None));
        Assert.Equal(PushStates.Failed, (await _store.GetAsync(_source.Id, CancellationToken.None))!.State);
        Assert.Equal(Now, (await _sources.GetAsync(_source.Id, CancellationToken.None))!.NextPoll);
        // Failing again changes nothing more: push had already ended.
        _temporary.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(await _store.MarkFailedAsync(_source.Id, "HTTP 500", Now.AddHours(1), CancellationToken.None));

        // Verified again, then denied while the lease runs: push ends at once.
        await _store.MarkRequestedAsync(_source.Id, Now.AddHours(1), CancellationToken.None);
        Assert.NotNull(await _store.VerifyAsync("token-1", Topic, 600, Now.AddSeconds(480), Now.AddDays(1), CancellationToken.None));
        Assert.True((await _sources.GetAsync(_source.Id, CancellationToken.None))!.NextPoll > Now.AddHours(23));
        _temporary.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await _store.DenyAsync("token-1", Topic, null, Now.AddDays(1), CancellationToken.None));
        Assert.Equal(Now, (await _sources.GetAsync(_source.Id, CancellationToken.None))!.NextPoll);
    }

    [DatabaseFact]
    public async Task Deliveries_and_refusals_are_counted_apart_and_a_delivery_is_the_last_heard()
    {
        await ActiveAsync();
        _temporary.Clock.Advance(TimeSpan.FromMinutes(5));
        await _store.RecordDeliveryAsync(_source.Id, accepted: true, CancellationToken.None);
        await _store.RecordDeliveryAsync(_source.Id, accepted: false, CancellationToken.None);
        await _store.RecordDeliveryAsync(_source.Id, accepted: false, CancellationToken.None);

        var counted = (await _store.GetAsync(_source.Id, CancellationToken.None))!;
        Assert.Equal((1L, 2L, Now, Now), (counted.Deliveries, counted.Refused, counted.LastDelivery, counted.LastRefused));
    }

    [DatabaseFact]
    public async Task A_lapsed_lease_or_a_silent_hub_ends_push_and_makes_the_source_due_now()
    {
        await ActiveAsync(leaseSeconds: 600);
        Assert.Empty(await _store.LapseAsync(Now - Silence, CancellationToken.None));

        _temporary.Clock.Advance(TimeSpan.FromSeconds(601));
        var lapsed = Assert.Single(await _store.LapseAsync(Now - Silence, CancellationToken.None));
        Assert.Equal(_source.Id, lapsed.SourceId);
        var expired = (await _store.GetAsync(_source.Id, CancellationToken.None))!;
        Assert.Equal((PushStates.Expired, Now), (expired.State, expired.NextAttempt));
        Assert.Equal(Now, (await _sources.GetAsync(_source.Id, CancellationToken.None))!.NextPoll);
        Assert.Single(await _store.DueAsync(10, CancellationToken.None));

        // Asked again and verified with a long lease, but the hub then says nothing for longer than the silence allowed.
        await _store.MarkRequestedAsync(_source.Id, Now.AddHours(1), CancellationToken.None);
        await _store.VerifyAsync("token-1", Topic, 864000, Now.AddDays(9), Now.AddDays(1), CancellationToken.None);
        _temporary.Clock.Advance(Silence + TimeSpan.FromMinutes(1));
        Assert.Single(await _store.LapseAsync(Now - Silence, CancellationToken.None));
        Assert.Equal(PushStates.Silent, (await _store.GetAsync(_source.Id, CancellationToken.None))!.State);
        // Due already (the stretched poll time has passed): left as it is, not moved later.
        Assert.True((await _sources.GetAsync(_source.Id, CancellationToken.None))!.NextPoll <= Now);
    }

    [DatabaseFact]
    public async Task A_removed_source_is_not_due_and_a_pushed_poll_is_marked_in_the_history()
    {
        await _store.RecordHubAsync(_source.Id, Hub, Topic, "token-1", "secret-1", CancellationToken.None);
        var entries = new EntryStore(_temporary.Database);
        await entries.SavePollAsync(new PollRecord
        {
            SourceId = _source.Id, PolledAt = Now, Succeeded = true, NextPoll = Now.AddDays(1), IntervalMinutes = 30, Pushed = true,
        }, [], CancellationToken.None);
        Assert.True(Assert.Single(await entries.GetRecentPollsAsync(_source.Id, CancellationToken.None)).Pushed);

        await _sources.RemoveAsync(_source.Id, CancellationToken.None);
        Assert.Empty(await _store.DueAsync(10, CancellationToken.None));
    }

    [DatabaseFact]
    public async Task A_removed_sources_running_lease_is_unsubscribed_once_and_dropped_when_the_hub_verifies()
    {
        await ActiveAsync(leaseSeconds: 3600);
        Assert.Empty(await _store.EndRemovedAsync(Now.AddMinutes(10), CancellationToken.None));
        await _sources.RemoveAsync(_source.Id, CancellationToken.None);

        var ending = Assert.Single(await _store.EndRemovedAsync(Now.AddMinutes(10), CancellationToken.None));
        Assert.Equal((PushStates.Unsubscribing, "token-1", Hub, Now.AddMinutes(10)), (ending.State, ending.Token, ending.HubUrl, ending.NextAttempt));
        Assert.Empty(await _store.EndRemovedAsync(Now.AddMinutes(10), CancellationToken.None));
        // A subscribe check for that token is no longer answered; an unsubscribe check only for our topic.
        Assert.Null(await _store.VerifyAsync("token-1", Topic, 600, Now, Now, CancellationToken.None));
        Assert.Null(await _store.UnsubscribedAsync("token-1", "https://khac.example/rss", CancellationToken.None));
        Assert.Equal(_source.Id, (await _store.UnsubscribedAsync("token-1", Topic, CancellationToken.None))!.SourceId);
        Assert.Null(await _store.GetAsync(_source.Id, CancellationToken.None));
        Assert.Null(await _store.UnsubscribedAsync("token-1", Topic, CancellationToken.None));
    }

    [DatabaseFact]
    public async Task A_removed_source_without_a_running_lease_or_an_unverified_unsubscription_is_just_dropped()
    {
        await _store.RecordHubAsync(_source.Id, Hub, Topic, "token-1", "secret-1", CancellationToken.None);
        await _sources.RemoveAsync(_source.Id, CancellationToken.None);
        Assert.Empty(await _store.EndRemovedAsync(Now.AddMinutes(10), CancellationToken.None));
        Assert.Null(await _store.GetAsync(_source.Id, CancellationToken.None));

        // Back, subscribed, removed again: the hub never checks the unsubscription, which is dropped when its time is up.
        await _sources.AddAsync(new OpmlOutline(Topic, null, null, null), SourceOrigins.Cli, CancellationToken.None);
        await ActiveAsync();
        await _sources.RemoveAsync(_source.Id, CancellationToken.None);
        Assert.Single(await _store.EndRemovedAsync(Now.AddMinutes(10), CancellationToken.None));
        _temporary.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Empty(await _store.EndRemovedAsync(Now.AddMinutes(10), CancellationToken.None));
        Assert.Null(await _store.GetAsync(_source.Id, CancellationToken.None));
    }

    [DatabaseFact]
    public async Task A_source_back_while_its_subscription_ends_gets_a_fresh_token()
    {
        await ActiveAsync();
        await _sources.RemoveAsync(_source.Id, CancellationToken.None);
        Assert.Single(await _store.EndRemovedAsync(Now.AddMinutes(10), CancellationToken.None));
        await _sources.AddAsync(new OpmlOutline(Topic, null, null, null), SourceOrigins.Cli, CancellationToken.None);

        Assert.True(await _store.RecordHubAsync(_source.Id, Hub, Topic, "token-2", "secret-2", CancellationToken.None));
        var fresh = (await _store.GetAsync(_source.Id, CancellationToken.None))!;
        Assert.Equal((PushStates.Pending, "token-2"), (fresh.State, fresh.Token));
        Assert.Null(await _store.UnsubscribedAsync("token-1", Topic, CancellationToken.None));
    }
}

public sealed class SqlitePushSubscriptionStoreTests() : PushSubscriptionStoreTests(new TemporaryDatabase());

[Collection(PostgresTests.Name)]
public sealed class PostgresPushSubscriptionStoreTests(PostgresServer server) : PushSubscriptionStoreTests(new PostgresTestDatabase(server));
