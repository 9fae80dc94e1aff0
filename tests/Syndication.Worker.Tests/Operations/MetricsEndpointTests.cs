using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Syndication.Storage.Ingestion;
using Syndication.Worker.Ingestion.Polling;
using Syndication.Worker.Tests.Ingestion;
using Syndication.Worker.Tests.Ingestion.Polling;

namespace Syndication.Worker.Tests.Operations;

/// <summary>/metrics in Prometheus text format, read before and after real polls and feed requests.</summary>
[Collection(SerialOperations.Name)]
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    private LoopbackFeedServer _feeds = null!;
    private readonly string _root = ServiceUnderTest.NewRoot();

    public async Task InitializeAsync() => _feeds = await LoopbackFeedServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _feeds.DisposeAsync();
        ServiceUnderTest.DeleteRoot(_root);
    }

    [Fact]
    public async Task A_poll_counts_one_fetched_poll_its_new_entries_bytes_and_duration()
    {
        _feeds.ServeFeed("/nguon-0/rss", NewsFeedFixture.Rss(0, 10), "application/rss+xml; charset=utf-8", etag: "\"v1\"");
        await using var service = await StartAsync(_feeds.Url("/nguon-0/rss"));
        var before = await ScrapeAsync(service);

        var source = Assert.Single(await service.Services.GetRequiredService<SourceStore>().ListAsync(false, CancellationToken.None));
        await service.Services.GetRequiredService<SourcePoller>().PollAsync(source, CancellationToken.None);
        var after = await ScrapeAsync(service);

        Assert.Equal(0, PrometheusText.Value(before, "syndication_polls_total", "outcome=\"fetched\""));
        Assert.Equal(1, PrometheusText.Value(after, "syndication_polls_total", "outcome=\"fetched\""));
        Assert.Equal(0, PrometheusText.Value(after, "syndication_polls_total", "outcome=\"failed\""));
        Assert.Equal(0, PrometheusText.Value(before, "syndication_entries_total", "change=\"new\""));
        Assert.Equal(10, PrometheusText.Value(after, "syndication_entries_total", "change=\"new\""));
        Assert.True(PrometheusText.Value(after, "syndication_fetched_bytes_total") > 0, after);
        Assert.Equal(1, PrometheusText.Value(after, "syndication_poll_duration_seconds_count", "outcome=\"fetched\""));
        Assert.True(PrometheusText.Value(after, "syndication_database_bytes") > 0, after);
        // SQLite's own memory in the process: at least the page cache of the connection that stored the poll.
        Assert.InRange(PrometheusText.Value(after, "syndication_database_memory_bytes") ?? 0, 64 * 1024, 256 * 1024 * 1024);
    }

    [Fact]
    public async Task Feed_requests_are_counted_by_kind_and_status_so_a_304_shows()
    {
        await using var service = await StartAsync();

        using var first = await service.Client.GetAsync("feeds/rss.xml");
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "feeds/rss.xml");
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await service.Client.SendAsync(conditional);
        using var missing = await service.Client.GetAsync("feeds/sections/khong-co/rss.xml");
        var metrics = await ScrapeAsync(service);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotModified), (first.StatusCode, second.StatusCode));
        Assert.Equal(1, PrometheusText.Value(metrics, "syndication_feed_requests_total", "kind=\"site\"", "status=\"200\""));
        Assert.Equal(1, PrometheusText.Value(metrics, "syndication_feed_requests_total", "kind=\"site\"", "status=\"304\""));
        Assert.Equal(1, PrometheusText.Value(metrics, "syndication_feed_requests_total", "kind=\"section\"", "status=\"404\""));
        // The one rendered feed is kept: its bytes and the reserve for its compressed forms.
        var body = (await first.Content.ReadAsByteArrayAsync()).Length;
        Assert.Equal(body + (body / 5 * 2), PrometheusText.Value(metrics, "syndication_feed_cache_bytes"));
        Assert.True(PrometheusText.Value(metrics, "syndication_feed_render_seconds_count", "kind=\"site\"") >= 1, metrics);
        // A render runs SQL queries and writes XML: tens of microseconds at the very least, never the ~1 µs of a clock
        // started after the (synchronously completing) render had already run.
        Assert.True(PrometheusText.Value(metrics, "syndication_feed_render_seconds_sum", "kind=\"site\"") > 0.00005, metrics);
    }

    [Fact]
    public async Task Failing_sources_gauge_counts_a_source_whose_last_poll_failed()
    {
        _feeds.Status("/broken", 500);
        await using var service = await StartAsync(_feeds.Url("/broken"));
        var source = Assert.Single(await service.Services.GetRequiredService<SourceStore>().ListAsync(false, CancellationToken.None));
        await service.Services.GetRequiredService<SourcePoller>().PollAsync(source, CancellationToken.None);

        // The gauge is cached; the first scrape starts its refresh, a later one reads it.
        var metrics = await Eventually.ValueAsync(() => ScrapeAsync(service),
            scraped => PrometheusText.Value(scraped, "syndication_sources_failing") is not null, "the failing-sources gauge");

        Assert.Equal(1, PrometheusText.Value(metrics, "syndication_sources_failing"));
        Assert.Equal(1, PrometheusText.Value(metrics, "syndication_polls_total", "outcome=\"failed\""));
    }

    [Fact]
    public async Task The_runtimes_own_memory_figures_are_exported_beside_ours()
    {
        await using var service = await StartAsync();

        var metrics = await ScrapeAsync(service);

        Assert.True(PrometheusText.Value(metrics, "dotnet_process_memory_working_set_bytes") > 0, metrics);
        Assert.True(PrometheusText.Value(metrics, "dotnet_gc_heap_total_allocated_bytes_total") > 0, metrics);
    }

    private Task<ServiceUnderTest> StartAsync(params Uri[] sources) =>
        ServiceUnderTest.StartWithSourcesAsync(_root, sources,
            "--Syndication:Ingestion:Enabled", "false", "--Syndication:Ingestion:RequestTimeoutSeconds", "3");

    private static async Task<string> ScrapeAsync(ServiceUnderTest service)
    {
        using var response = await service.Client.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
