using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Syndication.Worker.Tests.Ingestion;
using Syndication.Worker.Tests.Ingestion.Polling;
using Syndication.Worker.Tests.Operations;

namespace Syndication.Worker.Tests.Hosting;

/// <summary>
/// A real <c>syndication serve</c> on SQLite answers cached feeds on the socket event loops (completions inline) and
/// must never open its store there: pages, search, health and metrics are moved to the thread pool before they run, and
/// so are the fetches of a crawl, whose responses complete on the event loops, and an article stored through the API
/// whose body arrives after its headers (the request's later awaits must come back to the pool, not to the loop). The service counts any store opened on
/// an event loop (<c>syndication_storage_event_loop_opens_total</c>) and logs the first.
/// </summary>
public sealed partial class EventLoopProcessTests : IAsyncLifetime
{
    private const int Sources = 24;
    private readonly string _root = ServiceUnderTest.NewRoot();
    private LoopbackFeedServer _feeds = null!;

    public async Task InitializeAsync()
    {
        _feeds = await LoopbackFeedServer.StartAsync();
        var urls = new List<Uri>();
        for (var i = 0; i < Sources; i++)
        {
            var source = i;
            var path = $"/nguon-{i}/rss";
            _feeds.Map(path, context => ServeAsync(context, source));
            urls.Add(_feeds.Url(path));
        }
        await File.WriteAllTextAsync(Path.Combine(_root, "sources.opml"), NewsFeedFixture.Opml(urls));
    }

    public async Task DisposeAsync()
    {
        await _feeds.DisposeAsync();
        ServiceUnderTest.DeleteRoot(_root);
    }

    /// <summary>Headers at once, the body in two parts a moment apart: the fetcher's reads then wait for the socket, and
    /// their completions come from an event loop.</summary>
    private static async Task ServeAsync(HttpContext context, int source)
    {
        var body = Encoding.UTF8.GetBytes(NewsFeedFixture.Rss(source, 20));
        context.Response.ContentType = "application/rss+xml; charset=utf-8";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        await Task.Delay(20 + source % 5 * 10, context.RequestAborted);
        await context.Response.Body.WriteAsync(body.AsMemory(body.Length / 2), context.RequestAborted);
    }

    [Fact]
    public async Task Cached_feeds_are_answered_on_the_event_loops_and_nothing_opens_the_store_there_while_pages_are_read_an_article_stored_and_sources_crawled()
    {
        var environment = new Dictionary<string, string>
        {
            ["Syndication__Database"] = Path.Combine(_root, "data", "syndication.db"),
            ["Syndication__PublicBaseUrl"] = "https://bao.example.vn/",
            ["Syndication__SeedsPath"] = Path.Combine(_root, "seeds"),
            ["Syndication__Ingestion__SourcesOpml"] = Path.Combine(_root, "sources.opml"),
            ["Syndication__Ingestion__AllowPrivateNetworks"] = "true",
            ["Syndication__Ingestion__CheckSeconds"] = "1",
        };
        await using var service = CliProcess.Start(_root, environment, "serve", "--urls", "http://127.0.0.1:0");
        var listening = await service.WaitForOutputAsync(line => line.Contains("Now listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        var site = new Uri(ListeningUrl().Match(listening).Value + "/");
        Assert.Contains(service.OutputLines, line => line.Contains("Cached feeds are answered on the socket event loops", StringComparison.Ordinal));

        using var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All }) { BaseAddress = site };
        string[] paths =
        [
            "feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json", "feeds/rss.xml", "feeds/related/atom.xml", "",
            "archive", "feeds/search.atom?q=c%C3%A0%20ph%C3%AA", "search?q=t%E1%BB%89nh", "healthz", "readyz", "metrics",
        ];
        // Pages and feeds read again and again, four at a time, while the crawl runs.
        using var reading = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(reader => Task.Run(async () =>
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = reader; !reading.IsCancellationRequested; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, paths[i % paths.Length]);
                request.Headers.AcceptEncoding.ParseAdd(i % 2 == 0 ? "gzip" : "identity");
                using var response = await client.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                statuses.Add(response.StatusCode);
            }
            return statuses;
        })).ToList();

        // The newsroom's CMS stores an article whose body arrives after its headers: the endpoint reads it, and then
        // writes the store, after a read that an event loop completed.
        var key = (await CliProcess.RunAsync(_root, environment, "partners", "add", "cms", "--scope", "admin")).Output.Trim();
        using var put = new HttpRequestMessage(HttpMethod.Put, "api/articles/khai-mac-le-hoi-ca-phe")
        {
            Content = new ArrivingLater("""
                {"title": "Khai mạc Lễ hội Cà phê Buôn Ma Thuột", "published": "2025-03-10T08:00:00+07:00",
                 "lead": "Lễ hội lần thứ chín khai mạc tối qua.", "body": "<p>Hàng nghìn người dự lễ khai mạc.</p>",
                 "section": "Văn hóa", "authors": ["Thu Hà"], "tags": ["Cà phê"]}
                """),
        };
        put.Headers.Authorization = new("Bearer", key);
        // On a connection of its own: Kestrel reads a connection's first request on a pool thread, not an event loop.
        using (var cms = new HttpClient { BaseAddress = site })
        using (var stored = await cms.SendAsync(put))
        {
            Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        }

        await Eventually.TrueAsync(
            async () => PrometheusText.Value(await client.GetStringAsync("metrics"), "syndication_polls_total", "outcome=\"fetched\"") >= Sources,
            "every source polled");
        await reading.CancelAsync();
        var statuses = (await Task.WhenAll(readers)).SelectMany(list => list).ToList();
        Assert.True(statuses.Count >= paths.Length, $"{statuses.Count} requests");
        Assert.All(statuses, status => Assert.True(status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"answered {status}"));

        var metrics = await client.GetStringAsync("metrics");
        // The service logs the first such open with its calls: shown when the count is not 0.
        var logged = string.Join('\n', service.OutputLines.SkipWhile(line => !line.Contains("warn: Syndication.Worker.Hosting.EventLoop", StringComparison.Ordinal)).Take(80));
        Assert.True(PrometheusText.Value(metrics, "syndication_storage_event_loop_opens_total") == 0, logged);
        Assert.Equal("", logged);
    }

    /// <summary>A JSON body sent in two parts a moment apart, so the service's read of it waits for the socket.</summary>
    private sealed class ArrivingLater : HttpContent
    {
        private readonly byte[] _bytes;

        public ArrivingLater(string json)
        {
            _bytes = Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new("application/json");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(_bytes.AsMemory(0, _bytes.Length / 2));
            await stream.FlushAsync();
            await Task.Delay(100);
            await stream.WriteAsync(_bytes.AsMemory(_bytes.Length / 2));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return true;
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex ListeningUrl();
}
