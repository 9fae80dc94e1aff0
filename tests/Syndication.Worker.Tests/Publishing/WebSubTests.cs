using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Syndication.Storage.Publishing;
using Syndication.Worker.Publishing.WebSub;

namespace Syndication.Worker.Tests.Publishing;

public sealed class WebSubTests : IAsyncLifetime
{
    /// <summary>Feeds the culture article must change (or create), whatever else it changes.</summary>
    private static readonly string[] SurelyChanged =
    [
        "feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json", "feeds/sections/van-hoa/rss.xml", "feeds/authors/minh-thuan/atom.xml",
        "feeds/tags/am-nhac/feed.json", "feeds/archive/2024-09.atom",
    ];

    private readonly string _root = ServiceUnderTest.NewRoot();
    private RecordingHub _hub = null!;
    private ServiceUnderTest? _service;

    public async Task InitializeAsync() => _hub = await RecordingHub.StartAsync();

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
        await _hub.DisposeAsync();
        ServiceUnderTest.DeleteRoot(_root);
    }

    /// <summary>The service with the hub configured; its own check job waits an hour, so the test runs the checks.</summary>
    private async Task<WebSubNotifier> StartServiceAsync(params string[] extraArgs)
    {
        _service = await ServiceUnderTest.StartAsync(_root,
        [
            "--Syndication:PublicBaseUrl", PublishedFeeds.BaseUrl,
            "--Syndication:WebSubHub", _hub.Url,
            "--Syndication:WebSubCheckSeconds", "3600",
            .. extraArgs,
        ]);
        return _service.Services.GetRequiredService<WebSubNotifier>();
    }

    [Fact]
    public async Task After_an_import_each_changed_feed_is_pinged_once_and_unchanged_feeds_are_not()
    {
        var notifier = await StartServiceAsync();
        await notifier.CheckAsync(CancellationToken.None);
        var before = await PublishedFeeds.FetchAllAsync(_service!);

        await PublishedFeeds.ImportAsync(_service!, PublishedFeeds.CultureArticle);
        var changed = PublishedFeeds.ChangedPaths(before, await PublishedFeeds.FetchAllAsync(_service!));
        var report = await notifier.CheckAsync(CancellationToken.None);

        var expected = changed.Select(path => PublishedFeeds.BaseUrl + path).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, _hub.Accepted.Order(StringComparer.Ordinal));
        Assert.Equal((expected.Count, 0), (report.Accepted, report.Failed));
        Assert.All(_hub.Pings, ping => Assert.Equal(("publish", "application/x-www-form-urlencoded"), (ping.Mode, ping.ContentType)));
        Assert.Subset(expected.ToHashSet(), SurelyChanged.Select(path => PublishedFeeds.BaseUrl + path).ToHashSet());
        Assert.DoesNotContain(PublishedFeeds.BaseUrl + "feeds/sections/kinh-te/rss.xml", expected);
        Assert.DoesNotContain(PublishedFeeds.BaseUrl + "feeds/archive/2024-10.atom", expected);
        Assert.True(expected.Count < before.Count / 2, $"{expected.Count} of {before.Count} feeds changed");
    }

    [Fact]
    public async Task First_check_records_a_baseline_and_a_check_without_changes_pings_nothing()
    {
        var notifier = await StartServiceAsync();

        await notifier.CheckAsync(CancellationToken.None);
        await PublishedFeeds.ImportAsync(_service!, PublishedFeeds.CultureArticle);
        await notifier.CheckAsync(CancellationToken.None);
        var pinged = _hub.Pings.Count;
        var again = await notifier.CheckAsync(CancellationToken.None);

        Assert.NotEqual(0, pinged);
        Assert.Equal(pinged, _hub.Pings.Count);
        Assert.Equal(WebSubCheckReport.Nothing, again);
        var recorded = await _service!.Services.GetRequiredService<PublishedFeedStore>().ListAsync(CancellationToken.None);
        Assert.All(recorded, feed => Assert.Equal((feed.Tag, false), (feed.PingedTag, feed.PingOwed)));
    }

    [Fact]
    public async Task Failing_hub_is_retried_after_a_backoff_and_feeds_are_served_meanwhile()
    {
        var notifier = await StartServiceAsync("--Syndication:WebSubRetrySeconds", "1");
        await notifier.CheckAsync(CancellationToken.None);
        var before = await PublishedFeeds.FetchAllAsync(_service!);
        await PublishedFeeds.ImportAsync(_service!, PublishedFeeds.CultureArticle);
        var changed = PublishedFeeds.ChangedPaths(before, await PublishedFeeds.FetchAllAsync(_service!));
        _hub.Status = 500;

        var failing = await notifier.CheckAsync(CancellationToken.None);
        using var served = await _service!.Client.GetAsync("feeds/rss.xml");

        Assert.Equal(0, failing.Accepted);
        Assert.InRange(failing.Failed, 1, 4);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        var store = _service.Services.GetRequiredService<PublishedFeedStore>();
        var owed = (await store.ListAsync(CancellationToken.None)).Where(feed => feed.PingOwed).ToList();
        Assert.Equal(changed, owed.Select(feed => feed.Path).Order(StringComparer.Ordinal));
        var failed = owed.Where(feed => feed.PingFailures > 0).ToList();
        Assert.Equal(failing.Failed, failed.Count);
        Assert.All(failed, feed => Assert.Equal("HTTP 500", feed.LastError));

        _hub.Status = 204;
        await Eventually.TrueAsync(async () =>
        {
            await notifier.CheckAsync(CancellationToken.None);
            return !(await store.ListAsync(CancellationToken.None)).Any(feed => feed.PingOwed);
        }, "every owed ping sent");

        Assert.Equal(changed.Select(path => PublishedFeeds.BaseUrl + path), _hub.Accepted.Order(StringComparer.Ordinal));
        foreach (var feed in failed)
        {
            var url = PublishedFeeds.BaseUrl + feed.Path;
            Assert.Equal([500, 204], _hub.Pings.Where(ping => ping.FeedUrls.Contains(url)).Select(ping => ping.Status));
        }
    }

    [Fact]
    public async Task Hub_that_hangs_fails_at_the_timeout_while_feeds_are_served()
    {
        // The hub stalls far longer than the timeout, so the check can only end by the timeout; the feed must be served
        // while the check still waits on the hub (compared by completion, not by the clock, so a busy machine cannot fail it).
        var notifier = await StartServiceAsync("--Syndication:WebSubTimeoutSeconds", "5");
        await notifier.CheckAsync(CancellationToken.None);
        await PublishedFeeds.ImportAsync(_service!, PublishedFeeds.CultureArticle);
        _hub.Stall = TimeSpan.FromSeconds(120);

        var started = DateTime.UtcNow;
        var check = notifier.CheckAsync(CancellationToken.None);
        using var served = await _service!.Client.GetAsync("feeds/atom.xml");
        var checkWasWaiting = !check.IsCompleted;
        var report = await check;

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.True(checkWasWaiting, "the feed was answered only after the hub check had ended");
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(100), "the check did not end at its timeout");
        Assert.Equal(0, report.Accepted);
        Assert.InRange(report.Failed, 1, 4);
        var failed = (await _service.Services.GetRequiredService<PublishedFeedStore>().ListAsync(CancellationToken.None)).Where(feed => feed.PingFailures > 0);
        Assert.All(failed, feed => Assert.Equal("no answer within 5 s", feed.LastError));
    }
}
