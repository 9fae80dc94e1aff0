using System.Diagnostics;
using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Syndication.Storage.Ingestion;
using Syndication.Worker.Ingestion.Polling;
using Syndication.Worker.Ingestion.Scheduling;

namespace Syndication.Worker.Tests.Ingestion.Polling;

/// <summary>Whole poll cycles: the real service, a real SQLite file, and feeds served by a real server on loopback.</summary>
public sealed class PollCycleTests : IAsyncLifetime
{
    private const int ItemsPerFeed = 10;
    private LoopbackFeedServer _feeds = null!;
    private readonly string _root = ServiceUnderTest.NewRoot();

    public async Task InitializeAsync() => _feeds = await LoopbackFeedServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _feeds.DisposeAsync();
        ServiceUnderTest.DeleteRoot(_root);
    }

    private Task<ServiceUnderTest> StartServiceAsync(IReadOnlyList<Uri> sources, params string[] extra) =>
        ServiceUnderTest.StartWithSourcesAsync(_root, sources,
        [
            "--Syndication:Ingestion:Enabled", "false",
            "--Syndication:Ingestion:RequestTimeoutSeconds", "3",
            "--Syndication:Ingestion:MaxBodyBytes", "1048576",
            .. extra,
        ]);

    private static async Task<List<PollReport>> PollAllAsync(ServiceUnderTest service)
    {
        var sources = await service.Services.GetRequiredService<SourceStore>().ListAsync(includeRemoved: false, CancellationToken.None);
        var poller = service.Services.GetRequiredService<SourcePoller>();
        var polls = sources.Where(source => source.IsActive).Select(source => poller.PollAsync(source, CancellationToken.None));
        return [.. await Task.WhenAll(polls)];
    }

    /// <summary>A feed of two items that answers once <c>Answer</c> is set; <c>Asked</c> says its request has come.</summary>
    private (TaskCompletionSource Asked, TaskCompletionSource Answer) MapHeldFeed(string path)
    {
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _feeds.Map(path, async context =>
        {
            asked.TrySetResult();
            await answer.Task.WaitAsync(context.RequestAborted);
            context.Response.ContentType = "application/rss+xml; charset=utf-8";
            await context.Response.WriteAsync(NewsFeedFixture.Rss(0, 2));
        });
        return (asked, answer);
    }

    private List<Uri> ServeNewsFeeds(int count)
    {
        var urls = new List<Uri>();
        for (var i = 0; i < count; i++)
        {
            _feeds.ServeFeed($"/nguon-{i}/rss", NewsFeedFixture.Rss(i, ItemsPerFeed), "application/rss+xml; charset=utf-8", etag: $"\"v1-{i}\"");
            urls.Add(_feeds.Url($"/nguon-{i}/rss"));
        }
        return urls;
    }

    [Fact]
    public async Task Polling_all_now_stopped_part_way_leaves_no_source_leased()
    {
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var urls = new List<Uri>();
        for (var i = 0; i < 3; i++)
        {
            // Feeds that never answer: the polls are under way when the stop comes.
            _feeds.Map($"/treo-{i}/rss", async context =>
            {
                asked.TrySetResult();
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            });
            urls.Add(_feeds.Url($"/treo-{i}/rss"));
        }
        await using var service = await StartServiceAsync(urls);
        var sources = service.Services.GetRequiredService<SourceStore>();
        var ids = (await sources.ListAsync(includeRemoved: false, CancellationToken.None)).Select(source => source.Id).ToList();
        using var stop = new CancellationTokenSource();

        var polling = service.Services.GetRequiredService<LeasedPoller>().PollAllNowAsync(ids, 2, (_, _) => { }, stop.Token);
        await asked.Task.WaitAsync(Eventually.Limit);
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => polling);
        // Claimed, polling or not yet reached: each is free for another node at once, none waits out its lease.
        var taken = await sources.ClaimAsync(ids, "another-node", TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal(ids, taken.Select(source => source.Id));
    }

    [Fact]
    public async Task A_poll_longer_than_its_lease_keeps_renewing_it_and_frees_it_when_done()
    {
        var (asked, answer) = MapHeldFeed("/cham/rss");
        // The shortest lease there is (3 s), renewed every second while the poll runs.
        await using var service = await StartServiceAsync([_feeds.Url("/cham/rss")],
            "--Syndication:Ingestion:LeaseSeconds", "3", "--Syndication:Ingestion:RequestTimeoutSeconds", "600");
        var id = (await service.Services.GetRequiredService<SourceStore>().ListAsync(includeRemoved: false, CancellationToken.None)).Single().Id;
        async Task<(string? Owner, string? Until)> LeaseAsync()
        {
            await using var connection = new SqliteConnection($"Data Source={service.DatabasePath};Pooling=False");
            return await connection.QuerySingleAsync<(string?, string?)>(
                "SELECT lease_owner, lease_until_utc FROM sources WHERE id = @Id", new { Id = id });
        }

        var polling = service.Services.GetRequiredService<LeasedPoller>().PollAllNowAsync([id], 1, (_, _) => { }, CancellationToken.None);
        await asked.Task.WaitAsync(Eventually.Limit);
        var claimed = await LeaseAsync();
        Assert.NotNull(claimed.Owner);
        // Twice renewed: each renewal writes a later end, so the lease outlives the poll however long its feed takes.
        var once = await Eventually.ValueAsync(LeaseAsync, lease => string.CompareOrdinal(lease.Until, claimed.Until) > 0, "the lease renewed");
        var twice = await Eventually.ValueAsync(LeaseAsync, lease => string.CompareOrdinal(lease.Until, once.Until) > 0, "the lease renewed again");
        Assert.Equal(claimed.Owner, twice.Owner);
        answer.SetResult();

        await polling.WaitAsync(Eventually.Limit);
        Assert.Equal((null, null), await LeaseAsync());
        Assert.Equal(2, await service.Services.GetRequiredService<EntryStore>().CountAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Polling_all_now_fetches_a_source_it_claimed_ahead_only_under_its_own_lease()
    {
        var (asked, answer) = MapHeldFeed("/cham/rss");
        string? databasePath = null;
        var leaseWhenFetched = new System.Collections.Concurrent.ConcurrentDictionary<string, string?>();
        foreach (var name in new[] { "/doi-1/rss", "/doi-2/rss" })
        {
            var url = _feeds.Url(name).AbsoluteUri;
            _feeds.Map(name, async context =>
            {
                await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
                leaseWhenFetched[url] = await connection.QuerySingleAsync<string?>("SELECT lease_owner FROM sources WHERE url = @Url", new { Url = url });
                context.Response.ContentType = "application/rss+xml; charset=utf-8";
                await context.Response.WriteAsync(NewsFeedFixture.Rss(1, 2));
            });
        }
        // A 3 s lease: the two claimed with the slow one outwait theirs behind it, one slot polling.
        await using var service = await StartServiceAsync([_feeds.Url("/cham/rss"), _feeds.Url("/doi-1/rss"), _feeds.Url("/doi-2/rss")],
            "--Syndication:Ingestion:LeaseSeconds", "3", "--Syndication:Ingestion:RequestTimeoutSeconds", "600");
        databasePath = service.DatabasePath;
        var sources = service.Services.GetRequiredService<SourceStore>();
        var ids = (await sources.ListAsync(includeRemoved: false, CancellationToken.None)).OrderBy(source => source.Id).Select(source => source.Id).ToList();
        var reports = new System.Collections.Concurrent.ConcurrentDictionary<long, PollReport?>();

        var polling = service.Services.GetRequiredService<LeasedPoller>().PollAllNowAsync(ids, 1, (id, report) => reports[id] = report, CancellationToken.None);
        await asked.Task.WaitAsync(Eventually.Limit);
        // Another node takes the last one once its lease has run out (for 2 s); the one before it nobody takes.
        await Eventually.ValueAsync(() => sources.ClaimAsync([ids[2]], "another-node", TimeSpan.FromSeconds(2), CancellationToken.None),
            taken => taken.Count == 1, "the waiting source's lease ran out");
        answer.SetResult();

        await polling.WaitAsync(Eventually.Limit);
        Assert.All(ids, id => Assert.NotNull(reports[id]));
        // Each fetched under this process's lease: the untaken one renewed, the taken one polled once the other's ended.
        Assert.Equal(2, leaseWhenFetched.Count);
        Assert.All(leaseWhenFetched.Values, owner => Assert.False(owner is null or "another-node", $"fetched under the lease of {owner ?? "nobody"}"));
    }

    [Fact]
    public async Task A_cycle_stores_every_entry_once_and_the_next_gets_304s_and_stores_nothing()
    {
        var urls = ServeNewsFeeds(40);
        await using var service = await StartServiceAsync(urls);
        var entries = service.Services.GetRequiredService<EntryStore>();

        var first = await PollAllAsync(service);
        var second = await PollAllAsync(service);

        Assert.All(first, report => Assert.Equal(("Fetched", ItemsPerFeed, (string?)null), (report.Outcome, report.New, report.Error)));
        Assert.All(second, report => Assert.Equal(("NotModified", 0, 0), (report.Outcome, report.New, report.Updated)));
        Assert.Equal(40 * ItemsPerFeed, await entries.CountAsync(null, CancellationToken.None));
        Assert.Equal("\"v1-3\"", _feeds.LastRequestHeaders("/nguon-3/rss")!.IfNoneMatch.ToString());
    }

    [Fact]
    public async Task Refetching_changed_and_unchanged_feeds_after_a_restart_adds_no_duplicates()
    {
        var urls = ServeNewsFeeds(3);
        await using (var service = await StartServiceAsync(urls))
        {
            await PollAllAsync(service);
        }
        // New validators force full bodies; one feed edited one title.
        _feeds.ServeFeed("/nguon-0/rss", NewsFeedFixture.Rss(0, ItemsPerFeed).Replace("Tin 2 của", "Tin 2 (cập nhật) của", StringComparison.Ordinal),
            "application/rss+xml", etag: "\"v2-0\"");
        _feeds.ServeFeed("/nguon-1/rss", NewsFeedFixture.Rss(1, ItemsPerFeed), "application/rss+xml", etag: "\"v2-1\"");

        await using var restarted = await StartServiceAsync(urls);
        var reports = await PollAllAsync(restarted);

        Assert.Equal(3 * ItemsPerFeed, await restarted.Services.GetRequiredService<EntryStore>().CountAsync(null, CancellationToken.None));
        Assert.Equal((0, 1), (reports.Sum(r => r.New), reports.Sum(r => r.Updated)));
    }

    [Fact]
    public async Task Hostile_sources_fail_with_a_clear_error_each_and_the_rest_are_stored()
    {
        var good = ServeNewsFeeds(3);
        _feeds.Map("/endless", async context =>
        {
            context.Response.ContentType = "application/rss+xml";
            await context.Response.WriteAsync("<rss version=\"2.0\"><channel>", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(TimeSpan.FromMinutes(5), context.RequestAborted);
        });
        _feeds.ServeBytes("/bomb", ContentEncodings.Encode(new byte[20 * 1024 * 1024], "gzip"), "application/rss+xml", contentEncoding: "gzip");
        _feeds.ServeFeed("/xxe", """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd"><!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <rss version="2.0"><channel><title>XXE</title><link>https://xxe.example/</link><description>x</description>
            <item><title>&secret;&b;</title><link>https://xxe.example/1</link><description>&secret;</description></item>
            </channel></rss>
            """, "application/rss+xml");
        _feeds.ServeFeed("/html", "<!DOCTYPE html><html><body><p>Not a feed</p></body></html>", "text/html");
        _feeds.Status("/broken", 500);
        List<Uri> hostile = [_feeds.Url("/endless"), _feeds.Url("/bomb"), _feeds.Url("/xxe"), _feeds.Url("/html"), _feeds.Url("/broken")];
        await using var service = await StartServiceAsync([.. good, .. hostile]);

        var clock = Stopwatch.StartNew();
        var reports = (await PollAllAsync(service)).ToDictionary(report => new Uri(report.Url).AbsolutePath);
        clock.Stop();

        Assert.All(good, url => Assert.Equal(ItemsPerFeed, reports[url.AbsolutePath].New));
        Assert.Contains("timed out", reports["/endless"].Error);
        Assert.Contains("limit", reports["/bomb"].Error);
        Assert.Contains("not a readable feed", reports["/html"].Error);
        Assert.Contains("500", reports["/broken"].Error);
        var stored = await service.Services.GetRequiredService<EntryStore>().GetLatestAsync(1000, CancellationToken.None);
        Assert.DoesNotContain(stored, entry => (entry.Title + entry.SummaryHtml).Contains("root:", StringComparison.Ordinal));
        Assert.DoesNotContain(stored, entry => (entry.Title ?? "").Contains("aaaaaaaaaaaaaaaaaaaa", StringComparison.Ordinal));
        var sources = await service.Services.GetRequiredService<SourceStore>().ListAsync(false, CancellationToken.None);
        Assert.All(sources.Where(s => s.Url.EndsWith("/endless", StringComparison.Ordinal) || s.Url.EndsWith("/broken", StringComparison.Ordinal)),
            source => Assert.Equal((1, true), (source.ConsecutiveFailures, source.LastError is not null)));
        // Polls run side by side: the stalled source costs its own timeout, not the others' time.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"cycle took {clock.Elapsed}");
    }

    [Fact]
    public async Task Permanent_redirect_moves_the_source_and_gone_disables_it()
    {
        var feeds = ServeNewsFeeds(1);
        _feeds.Redirect("/old", feeds[0].AbsolutePath, 301);
        _feeds.Status("/gone", 410);
        await using var service = await StartServiceAsync([_feeds.Url("/old"), _feeds.Url("/gone")]);

        await PollAllAsync(service);
        var sources = await service.Services.GetRequiredService<SourceStore>().ListAsync(includeRemoved: false, CancellationToken.None);

        var moved = Assert.Single(sources, source => source.EntryCount > 0);
        Assert.Equal(feeds[0].AbsoluteUri, moved.Url);
        var gone = Assert.Single(sources, source => source.Url.EndsWith("/gone", StringComparison.Ordinal));
        Assert.False(gone.IsActive);
        Assert.Equal("HTTP 410 Gone", gone.DisabledReason);
        Assert.Equal(1, _feeds.RequestCount("/gone"));
        Assert.DoesNotContain(await PollAllAsync(service), report => report.Url.EndsWith("/gone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Too_many_requests_defers_the_next_poll_past_retry_after()
    {
        _feeds.Status("/busy", 429, ("Retry-After", "7200"));
        await using var service = await StartServiceAsync([_feeds.Url("/busy")]);

        var report = Assert.Single(await PollAllAsync(service));

        Assert.True(report.NextPoll >= DateTimeOffset.UtcNow.AddSeconds(7190), $"next poll {report.NextPoll:o}");
        var source = Assert.Single(await service.Services.GetRequiredService<SourceStore>().ListAsync(false, CancellationToken.None));
        Assert.Equal(429, source.LastStatus);
    }

    [Fact]
    public async Task Related_feeds_republish_entries_naming_their_source()
    {
        // The two generated sources carry the same text, dated days apart so they stay two stories.
        var urls = new List<Uri>();
        for (var i = 0; i < 2; i++)
        {
            _feeds.ServeFeed($"/nguon-{i}/rss", NewsFeedFixture.Rss(i, ItemsPerFeed, age: TimeSpan.FromDays(4 * i)), "application/rss+xml; charset=utf-8");
            urls.Add(_feeds.Url($"/nguon-{i}/rss"));
        }
        await using var service = await StartServiceAsync(urls);
        await PollAllAsync(service);

        var rss = XDocument.Parse(await service.Client.GetStringAsync("feeds/related/rss.xml"));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(await service.Client.GetStringAsync("feeds/related/atom.xml"));

        var items = rss.Descendants("item").ToList();
        Assert.Equal(2 * ItemsPerFeed, items.Count);
        Assert.All(items, item => Assert.Contains((string?)item.Element("source")?.Attribute("url"), urls.Select(u => u.AbsoluteUri)));
        Assert.Contains(items, item => (string?)item.Element("guid") == "https://nguon1.example/tin-0.html");
        var entries = feed.Descendants(atom + "entry").ToList();
        Assert.Equal(2 * ItemsPerFeed, entries.Count);
        Assert.All(entries, entry => Assert.NotNull(entry.Element(atom + "source")?.Element(atom + "title")));
        // Relative image links of the publisher's HTML are resolved against its site.
        Assert.Contains(entries, entry => ((string?)entry.Element(atom + "summary") ?? "").Contains("src=\"https://nguon0.example/anh/0.jpg\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_scheduler_polls_new_sources_and_resumes_the_stored_schedule_after_a_restart()
    {
        var urls = ServeNewsFeeds(2);
        await using (var service = await StartServiceAsync(urls, "--Syndication:Ingestion:Enabled", "true"))
        {
            await Eventually.TrueAsync(() => _feeds.RequestCount("/nguon-0/rss") == 1 && _feeds.RequestCount("/nguon-1/rss") == 1, "both sources polled");
            await Eventually.TrueAsync(async () => await service.Services.GetRequiredService<EntryStore>().CountAsync(null, CancellationToken.None) == 2 * ItemsPerFeed,
                "both polls stored");
        }

        await using (var restarted = await StartServiceAsync(urls, "--Syndication:Ingestion:Enabled", "true"))
        {
            // The stored next poll is the schedule: after a restart nothing is due yet, and the poll loop, having
            // looked twice, has claimed nothing — a restart resumes the schedule instead of polling everything again.
            var dispatcher = restarted.Services.GetRequiredService<PollDispatcher>();
            await Eventually.TrueAsync(() => dispatcher.Rounds >= 1, "the poll loop looked for due sources");
            dispatcher.Wake();
            await Eventually.TrueAsync(() => dispatcher.Rounds >= 2, "the poll loop looked again when woken");
            var sources = await restarted.Services.GetRequiredService<SourceStore>().ListAsync(false, CancellationToken.None);
            Assert.All(sources, source => Assert.True(source.NextPoll > DateTimeOffset.UtcNow, $"source {source.Id} is due at {source.NextPoll}, in the future"));
            Assert.Equal(sources.Min(source => source.NextPoll),
                await restarted.Services.GetRequiredService<SourceStore>().NextClaimableAsync(CancellationToken.None));
        }

        Assert.Equal(1, _feeds.RequestCount("/nguon-0/rss"));
        Assert.Equal(1, _feeds.RequestCount("/nguon-1/rss"));
    }

    [Fact]
    public async Task Poll_now_makes_the_source_due_and_the_poll_loop_polls_it_at_once()
    {
        var urls = ServeNewsFeeds(2);
        await using var service = await StartServiceAsync(urls, "--Syndication:Ingestion:Enabled", "true");
        var store = service.Services.GetRequiredService<SourceStore>();
        await Eventually.TrueAsync(async () => (await store.ListAsync(false, CancellationToken.None)).All(source => source.LastPoll is not null),
            "both sources polled once");
        var first = (await store.ListAsync(false, CancellationToken.None)).Single(source => source.Url.EndsWith("/nguon-0/rss", StringComparison.Ordinal));

        Assert.True(await service.Services.GetRequiredService<PollNow>().PollAsync(first.Id, CancellationToken.None));

        Assert.Equal(2, _feeds.RequestCount("/nguon-0/rss"));
        Assert.Equal(1, _feeds.RequestCount("/nguon-1/rss"));
        var again = await store.GetAsync(first.Id, CancellationToken.None);
        Assert.True(again!.NextPoll > DateTimeOffset.UtcNow, "the poll stored its next poll time");
    }
}
