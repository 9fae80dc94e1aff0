using Syndication.Storage.Publishing;
using Syndication.Testing;

namespace Syndication.Storage.Tests.Publishing;

/// <summary>The store's contract, run on each engine by the classes below.</summary>
public abstract class PublishedFeedStoreTests : IAsyncLifetime, IDisposable
{
    private readonly TestDatabase _temporary;
    private readonly PublishedFeedStore _feeds;

    protected PublishedFeedStoreTests(TestDatabase temporary)
    {
        _temporary = temporary;
        _feeds = new PublishedFeedStore(_temporary.Database, _temporary.Clock);
    }

    public async Task InitializeAsync() => await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _temporary.Dispose();
        GC.SuppressFinalize(this);
    }

    private static FeedTag[] Tags(params (string Path, string Tag)[] feeds) => [.. feeds.Select(feed => new FeedTag(feed.Path, feed.Tag))];

    [DatabaseFact]
    public async Task First_recording_is_a_baseline_that_owes_no_ping()
    {
        var report = await _feeds.RecordTagsAsync(Tags(("feeds/rss.xml", "a"), ("feeds/atom.xml", "b")), CancellationToken.None);

        Assert.Equal(new FeedTagReport(Baseline: true, New: 2, Changed: 0, Removed: 0), report);
        Assert.Empty(await _feeds.ListDueAsync(CancellationToken.None));
        Assert.All(await _feeds.ListAsync(CancellationToken.None), feed => Assert.Equal(feed.Tag, feed.PingedTag));
    }

    [DatabaseFact]
    public async Task Moved_tags_and_new_feeds_are_owed_a_ping_and_unchanged_ones_are_not()
    {
        await _feeds.RecordTagsAsync(Tags(("feeds/rss.xml", "a"), ("feeds/atom.xml", "b"), ("feeds/tags/cu/rss.xml", "c")), CancellationToken.None);
        _temporary.Clock.Advance(TimeSpan.FromMinutes(1));

        var report = await _feeds.RecordTagsAsync(Tags(("feeds/rss.xml", "a2"), ("feeds/atom.xml", "b"), ("feeds/tags/moi/rss.xml", "d")), CancellationToken.None);

        Assert.Equal(new FeedTagReport(Baseline: false, New: 1, Changed: 1, Removed: 1), report);
        var due = await _feeds.ListDueAsync(CancellationToken.None);
        Assert.Equal(["feeds/rss.xml", "feeds/tags/moi/rss.xml"], due.Select(feed => feed.Path).Order(StringComparer.Ordinal));
        Assert.All(due, feed => Assert.Equal(TestDatabase.Start.AddMinutes(1), feed.Changed));
        Assert.DoesNotContain(await _feeds.ListAsync(CancellationToken.None), feed => feed.Path == "feeds/tags/cu/rss.xml");
    }

    [DatabaseFact]
    public async Task Accepted_ping_clears_what_is_owed_and_recording_the_same_tags_again_owes_nothing()
    {
        await _feeds.RecordTagsAsync(Tags(("feeds/rss.xml", "a")), CancellationToken.None);
        await _feeds.RecordTagsAsync(Tags(("feeds/rss.xml", "b")), CancellationToken.None);

        await _feeds.MarkPingedAsync("feeds/rss.xml", "b", CancellationToken.None);
        var again = await _feeds.RecordTagsAsync(Tags(("feeds/rss.xml", "b")), CancellationToken.None);

        Assert.Equal(new FeedTagReport(false, 0, 0, 0), again);
        Assert.Empty(await _feeds.ListDueAsync(CancellationToken.None));
        var feed = Assert.Single(await _feeds.ListAsync(CancellationToken.None));
        Assert.Equal(("b", TestDatabase.Start, false), (feed.PingedTag, feed.Pinged!.Value, feed.PingOwed));
    }

    [DatabaseFact]
    public async Task Ping_accepted_for_an_older_tag_leaves_the_newer_one_owed()
    {
        await _feeds.RecordTagsAsync(Tags(("feeds/rss.xml", "a")), CancellationToken.None);
        await _feeds.RecordTagsAsync(Tags(("feeds/rss.xml", "b")), CancellationToken.None);
        await _feeds.RecordTagsAsync(Tags(("feeds/rss.xml", "c")), CancellationToken.None);

        await _feeds.MarkPingedAsync("feeds/rss.xml", "b", CancellationToken.None);

        var feed = Assert.Single(await _feeds.ListDueAsync(CancellationToken.None));
        Assert.Equal(("c", "b"), (feed.Tag, feed.PingedTag));
    }

    [DatabaseFact]
    public async Task Failed_ping_waits_for_its_retry_time_and_a_new_change_does_not_bring_it_forward()
    {
        await _feeds.RecordTagsAsync(Tags(("feeds/rss.xml", "a")), CancellationToken.None);
        await _feeds.RecordTagsAsync(Tags(("feeds/rss.xml", "b")), CancellationToken.None);

        await _feeds.MarkPingFailedAsync("feeds/rss.xml", "HTTP 500", TestDatabase.Start.AddMinutes(2), CancellationToken.None);
        await _feeds.RecordTagsAsync(Tags(("feeds/rss.xml", "c")), CancellationToken.None);

        Assert.Empty(await _feeds.ListDueAsync(CancellationToken.None));
        _temporary.Clock.Advance(TimeSpan.FromMinutes(2));
        var feed = Assert.Single(await _feeds.ListDueAsync(CancellationToken.None));
        Assert.Equal(("c", 1, "HTTP 500"), (feed.Tag, feed.PingFailures, feed.LastError));

        await _feeds.MarkPingedAsync("feeds/rss.xml", "c", CancellationToken.None);
        var pinged = Assert.Single(await _feeds.ListAsync(CancellationToken.None));
        Assert.Equal((0, (string?)null, false), (pinged.PingFailures, pinged.LastError, pinged.PingOwed));
    }
}

public sealed class SqlitePublishedFeedStoreTests() : PublishedFeedStoreTests(new TemporaryDatabase());

[Collection(PostgresTests.Name)]
public sealed class PostgresPublishedFeedStoreTests(PostgresServer server) : PublishedFeedStoreTests(new PostgresTestDatabase(server));
