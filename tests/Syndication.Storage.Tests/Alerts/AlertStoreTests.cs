using Dapper;
using Syndication.Core.Alerts;
using Syndication.Core.Ingestion;
using Syndication.Core.Ingestion.Opml;
using Syndication.Core.Ingestion.Sources;
using Syndication.Storage.Alerts;
using Syndication.Storage.Ingestion;
using Syndication.Storage.Search;
using Syndication.Storage.Tests.Search;
using Syndication.Testing;

namespace Syndication.Storage.Tests.Alerts;

/// <summary>The alert store's contract, run on each engine by the classes below.</summary>
public abstract class AlertStoreTests : IDisposable
{
    private readonly TestDatabase _temporary;
    private readonly AlertStore _alerts;
    private readonly SourceStore _sources;
    private readonly EntryStore _entries;
    private Source? _source;

    protected AlertStoreTests(TestDatabase temporary)
    {
        _temporary = temporary;
        _alerts = new AlertStore(_temporary.Database, _temporary.Clock);
        _sources = new SourceStore(_temporary.Database, _temporary.Clock);
        _entries = new EntryStore(_temporary.Database);
    }

    public void Dispose()
    {
        _temporary.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task MigrateAsync() => await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);

    private Task<Webhook> AddWebhookAsync(params string[] events) => _alerts.AddWebhookAsync(
        new NewWebhook(new Uri("https://nhan.example/hook"), events, "cà phê", 3, "bí-mật-đủ-dài-0123456789"), CancellationToken.None);

    private async Task<Source> PollAsync(string url, bool succeeded, params ParsedEntry[] items)
    {
        var source = _source ??= await _sources.AddAsync(new OpmlOutline(url, "Nguồn", null, null), SourceOrigins.Cli, CancellationToken.None);
        var now = _temporary.Clock.GetUtcNow();
        await _entries.SavePollAsync(new PollRecord
        {
            SourceId = source.Id, PolledAt = now, Succeeded = succeeded, HttpStatus = succeeded ? 200 : 500, Error = succeeded ? null : "HTTP 500",
            NextPoll = now.AddMinutes(30), IntervalMinutes = 30,
        }, items, CancellationToken.None);
        return source;
    }

    private static ParsedEntry Entry(string name, string title) =>
        new($"https://nguon.example/{name}", $"https://nguon.example/{name}", title, TestDatabase.Start, null, [], "<p>Tóm tắt.</p>", null, [], []);

    private async Task<AlertBatch> TakeAsync(Func<AlertBatch, IReadOnlyList<NewDelivery>>? decide = null)
    {
        AlertBatch? seen = null;
        await _alerts.ProcessPendingAsync(1000, batch =>
        {
            seen = batch;
            return decide?.Invoke(batch) ?? [];
        }, CancellationToken.None);
        return seen ?? new AlertBatch([], [], [], []);
    }

    [DatabaseFact]
    public async Task Webhooks_are_listed_without_change_and_removed_with_their_deliveries()
    {
        await MigrateAsync();
        var webhook = await AddWebhookAsync(AlertEvents.StoryMatched, AlertEvents.SourceFailing);
        await PollAsync("https://nguon.example/rss", true, Entry("1", "Giá cà phê tăng"));
        await TakeAsync(batch => [new NewDelivery(webhook.Id, AlertEvents.StoryMatched, "k1", "{}")]);

        var listed = Assert.Single(await _alerts.ListWebhooksAsync(CancellationToken.None));
        Assert.Equal(webhook with { Events = listed.Events }, listed);
        Assert.Equal([AlertEvents.StoryMatched, AlertEvents.SourceFailing], listed.Events);
        Assert.Equal(TestDatabase.Start, listed.Created);
        Assert.Single(await _alerts.ListDeliveriesAsync(false, 10, CancellationToken.None));

        Assert.True(await _alerts.RemoveWebhookAsync(webhook.Id, CancellationToken.None));
        Assert.False(await _alerts.RemoveWebhookAsync(webhook.Id, CancellationToken.None));
        Assert.Empty(await _alerts.ListWebhooksAsync(CancellationToken.None));
        Assert.Empty(await _alerts.ListDeliveriesAsync(false, 10, CancellationToken.None));
    }

    [DatabaseFact]
    public async Task Events_are_collected_only_while_a_webhook_exists_and_new_stories_and_polled_sources_are_read()
    {
        await MigrateAsync();
        await PollAsync("https://nguon.example/rss", true, Entry("1", "Trước khi có webhook"));
        Assert.Equal(0, await _alerts.CountPendingAsync(CancellationToken.None));

        await AddWebhookAsync(AlertEvents.StoryMatched);
        var source = await PollAsync("https://nguon.example/rss", true, Entry("2", "Giá cà phê hôm nay tăng mạnh"));
        await PollAsync("https://nguon.example/rss", false);

        var batch = await TakeAsync();

        var story = Assert.Single(batch.NewStories);
        Assert.Equal("Giá cà phê hôm nay tăng mạnh", story.Title);
        Assert.Equal(story.Id, story.StoryId);
        Assert.Equal("Nguồn", story.SourceTitle);
        var polled = Assert.Single(batch.Sources);
        Assert.Equal(source.Id, polled.Id);
        Assert.Equal(1, polled.ConsecutiveFailures);
        Assert.Equal("HTTP 500", polled.LastError);
        Assert.Equal([TestDatabase.Start], polled.Arrivals);
        // Taken once: the next turn finds nothing.
        Assert.Equal(0, await _alerts.CountPendingAsync(CancellationToken.None));
        Assert.Empty((await TakeAsync()).NewStories);
    }

    [DatabaseFact]
    public async Task An_entry_related_to_an_article_is_read_as_coverage()
    {
        await MigrateAsync();
        await AddWebhookAsync(AlertEvents.ArticleCovered);
        await CoverageFixture.StoreAsync(_temporary);
        await new CoverageStore(_temporary.Database, _temporary.Clock).RelatePendingAsync(RelationOptions.Default, 1000, CancellationToken.None);

        var batch = await TakeAsync();

        Assert.NotEmpty(batch.Coverage);
        await using var connection = await _temporary.Database.OpenAsync(CancellationToken.None);
        var pairs = (await connection.QueryAsync<(long, long)>("SELECT article_id, entry_id FROM article_coverage")).ToHashSet();
        Assert.Equal(pairs, batch.Coverage.Select(coverage => (coverage.ArticleId, coverage.Entry.Id)).ToHashSet());
        Assert.All(batch.Coverage, coverage => Assert.False(string.IsNullOrEmpty(coverage.ArticleSlug)));
    }

    [DatabaseFact]
    public async Task An_event_key_makes_one_delivery_per_webhook_ever()
    {
        await MigrateAsync();
        var first = await AddWebhookAsync(AlertEvents.SourceFailing);
        var second = await AddWebhookAsync(AlertEvents.SourceFailing);
        IReadOnlyList<NewDelivery> Both(AlertBatch batch) =>
            [.. batch.Webhooks.Select(webhook => new NewDelivery(webhook.Id, AlertEvents.SourceFailing, "source.failing:1:never", "{}"))];

        await PollAsync("https://nguon.example/rss", false);
        var (_, enqueued) = await _alerts.ProcessPendingAsync(1000, Both, CancellationToken.None);
        await PollAsync("https://nguon.example/rss", false);
        var (taken, again) = await _alerts.ProcessPendingAsync(1000, Both, CancellationToken.None);

        Assert.Equal(2, enqueued);
        Assert.Equal(1, taken);
        Assert.Equal(0, again);
        var deliveries = await _alerts.ListDeliveriesAsync(false, 10, CancellationToken.None);
        Assert.Equal([second.Id, first.Id], deliveries.Select(delivery => delivery.WebhookId));
        Assert.All(deliveries, delivery => Assert.Equal(DeliveryStates.Pending, delivery.State));
    }

    [DatabaseFact]
    public async Task Each_webhook_s_newest_delivery_is_read_and_a_webhook_without_any_is_absent()
    {
        await MigrateAsync();
        var busy = await AddWebhookAsync(AlertEvents.SourceFailing);
        var quiet = await AddWebhookAsync(AlertEvents.SourceSilent);
        await PollAsync("https://nguon.example/rss", false);
        await _alerts.ProcessPendingAsync(1000, _ => [new NewDelivery(busy.Id, AlertEvents.SourceFailing, "k1", "{}")], CancellationToken.None);
        await PollAsync("https://nguon.example/rss", false);
        await _alerts.ProcessPendingAsync(1000, _ => [new NewDelivery(busy.Id, AlertEvents.SourceFailing, "k2", "{}")], CancellationToken.None);

        var last = await _alerts.LastDeliveriesAsync(CancellationToken.None);

        Assert.Equal([busy.Id], last.Keys);
        Assert.Equal(("k2", DeliveryStates.Pending, 0), (last[busy.Id].EventKey, last[busy.Id].State, last[busy.Id].Attempts));
        Assert.False(last.ContainsKey(quiet.Id));
    }

    [DatabaseFact]
    public async Task A_claimed_delivery_is_one_owner_s_until_its_attempt_is_stored_and_retries_wait_for_their_time()
    {
        await MigrateAsync();
        var webhook = await AddWebhookAsync(AlertEvents.SourceFailing);
        await PollAsync("https://nguon.example/rss", false);
        await _alerts.ProcessPendingAsync(1000, _ => [new NewDelivery(webhook.Id, AlertEvents.SourceFailing, "k", "{\"a\":1}")], CancellationToken.None);
        var lease = TimeSpan.FromMinutes(1);

        var claimed = Assert.Single(await _alerts.ClaimDueAsync("a", lease, 10, CancellationToken.None));
        Assert.Empty(await _alerts.ClaimDueAsync("b", lease, 10, CancellationToken.None));
        Assert.Equal((webhook.Url, webhook.Secret, "{\"a\":1}", 0), (claimed.Url, claimed.Secret, claimed.Payload, claimed.Attempts));
        Assert.False(await _alerts.RecordAttemptAsync(claimed, "b", new DeliveryOutcome(200, null, TimeSpan.Zero), null, CancellationToken.None));

        var retryAt = _temporary.Clock.GetUtcNow().AddMinutes(5);
        Assert.True(await _alerts.RecordAttemptAsync(claimed, "a", new DeliveryOutcome(500, "HTTP 500", TimeSpan.FromMilliseconds(12)), retryAt, CancellationToken.None));
        Assert.Empty(await _alerts.ClaimDueAsync("a", lease, 10, CancellationToken.None));
        Assert.Single(await _alerts.ListDeliveriesAsync(true, 10, CancellationToken.None));

        _temporary.Clock.Advance(TimeSpan.FromMinutes(5));
        var again = Assert.Single(await _alerts.ClaimDueAsync("b", lease, 10, CancellationToken.None));
        Assert.Equal(1, again.Attempts);
        Assert.True(await _alerts.RecordAttemptAsync(again, "b", new DeliveryOutcome(204, null, TimeSpan.FromMilliseconds(3)), null, CancellationToken.None));

        var delivery = Assert.Single(await _alerts.ListDeliveriesAsync(false, 10, CancellationToken.None));
        Assert.Equal((DeliveryStates.Delivered, 2, 204, (string?)null), (delivery.State, delivery.Attempts, delivery.LastStatus, delivery.LastError));
        Assert.Empty(await _alerts.ListDeliveriesAsync(true, 10, CancellationToken.None));
        Assert.Empty(await _alerts.ClaimDueAsync("a", lease, 10, CancellationToken.None));
        var attempts = await _alerts.ListAttemptsAsync(delivery.Id, CancellationToken.None);
        Assert.Equal([(1, (int?)500, (string?)"HTTP 500"), (2, 204, null)], attempts.Select(attempt => (attempt.Attempt, attempt.HttpStatus, attempt.Error)));
    }

    [DatabaseFact]
    public async Task A_lease_past_its_time_lets_another_owner_claim_the_delivery()
    {
        await MigrateAsync();
        var webhook = await AddWebhookAsync(AlertEvents.SourceFailing);
        await PollAsync("https://nguon.example/rss", false);
        await _alerts.ProcessPendingAsync(1000, _ => [new NewDelivery(webhook.Id, AlertEvents.SourceFailing, "k", "{}")], CancellationToken.None);
        var first = Assert.Single(await _alerts.ClaimDueAsync("a", TimeSpan.FromSeconds(40), 10, CancellationToken.None));

        _temporary.Clock.Advance(TimeSpan.FromSeconds(41));
        var taken = Assert.Single(await _alerts.ClaimDueAsync("b", TimeSpan.FromSeconds(40), 10, CancellationToken.None));

        Assert.Equal(first.Id, taken.Id);
        Assert.False(await _alerts.RecordAttemptAsync(first, "a", new DeliveryOutcome(200, null, TimeSpan.Zero), null, CancellationToken.None));
        Assert.True(await _alerts.RecordAttemptAsync(taken, "b", new DeliveryOutcome(200, null, TimeSpan.Zero), null, CancellationToken.None));
    }
}

public sealed class SqliteAlertStoreTests() : AlertStoreTests(new TemporaryDatabase());

[Collection(PostgresTests.Name)]
public sealed class PostgresAlertStoreTests(PostgresServer server) : AlertStoreTests(new PostgresTestDatabase(server));
