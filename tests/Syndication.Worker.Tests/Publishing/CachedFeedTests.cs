using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Syndication.Worker.Tests.Operations;

namespace Syndication.Worker.Tests.Publishing;

/// <summary>
/// A public feed already rendered is answered from memory ahead of routing (CachedFeedMiddleware): every answer must be
/// the one the feed endpoint gives. Two services over the same seeds and base URL: one that reads the store's revision on
/// every request (so every request goes through the endpoint), one that reads it once in ten minutes (so every request after
/// the first is answered from the cache).
/// </summary>
[Collection(SerialOperations.Name)]
public sealed class CachedFeedTests : IAsyncLifetime
{
    private const string BaseUrl = "https://bao.example/";
    private ServiceUnderTest _endpoint = null!;
    private ServiceUnderTest _cached = null!;

    public async Task InitializeAsync()
    {
        _endpoint = await ServiceUnderTest.StartWithAsync("--Syndication:PublicBaseUrl", BaseUrl);
        _cached = await ServiceUnderTest.StartWithAsync("--Syndication:PublicBaseUrl", BaseUrl, "--Syndication:RevisionCheckIntervalMs", "600000");
    }

    public async Task DisposeAsync()
    {
        await _endpoint.DisposeAsync();
        await _cached.DisposeAsync();
    }

    [Fact]
    public async Task The_site_feeds_are_rendered_as_the_service_starts_before_any_request_for_them()
    {
        // A service of its own: the others have been asked for feeds by now.
        await using var service = await ServiceUnderTest.StartWithAsync("--Syndication:PublicBaseUrl", BaseUrl, "--Syndication:RevisionCheckIntervalMs", "600000");
        var publisher = service.Services.GetRequiredService<Syndication.Worker.Publishing.FeedPublisher>();

        foreach (var format in new[] { Core.Publishing.Rendering.FeedFormat.Rss, Core.Publishing.Rendering.FeedFormat.Atom, Core.Publishing.Rendering.FeedFormat.JsonFeed })
        {
            var slot = Syndication.Worker.Publishing.FeedPublisher.SlotOf(
                Syndication.Worker.Publishing.FeedAddress.Site(format), null, Syndication.Worker.Publishing.FeedAudience.Public);
            bool Rendered() => publisher.TryGetRendered(slot, out _);
            await Eventually.TrueAsync(Rendered, $"the site's {format} feed rendered without a request");
        }
        using var response = await service.Client.GetAsync("feeds/rss.xml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string> Paths => new() { "feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json", "feeds/sections/kinh-te/rss.xml", "feeds/tags/ca-phe/atom.xml" };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Cached_answers_equal_the_endpoints_for_every_coding_validator_and_method(string path)
    {
        using var first = await _cached.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var identityTag = first.Headers.ETag!.Tag;
        var gzipTag = identityTag.Insert(identityTag.Length - 1, "-gz");
        var lastModified = first.Content.Headers.LastModified!.Value.ToString("R");
        var older = first.Content.Headers.LastModified!.Value.AddSeconds(-1).ToString("R");

        (string Name, string Value)[][] cases =
        [
            [],
            [("Accept-Encoding", "gzip")],
            [("Accept-Encoding", "gzip, deflate, br")],
            [("Accept-Encoding", "GZIP")],
            [("Accept-Encoding", "br;q=0, gzip")],
            [("Accept-Encoding", "*")],
            [("Accept-Encoding", "identity")],
            [("Accept-Encoding", "gzip;q=0")],
            [("Accept-Encoding", "gzip br")],
            [("Accept-Encoding", "gzip"), ("If-None-Match", gzipTag)],
            [("Accept-Encoding", "gzip"), ("If-None-Match", "W/" + gzipTag)],
            [("If-None-Match", identityTag)],
            [("If-None-Match", $"\"other\", {gzipTag}")],
            [("If-None-Match", "\"other\"")],
            [("If-None-Match", "*")],
            [("If-None-Match", "not a tag")],
            [("If-Modified-Since", lastModified)],
            [("If-Modified-Since", older)],
            [("If-None-Match", "\"other\""), ("If-Modified-Since", lastModified)],
            [("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"), ("Accept-Encoding", "gzip")],
            [("Accept", "application/rss+xml, application/atom+xml")],
        ];
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
        {
            foreach (var headers in cases)
            {
                var expected = await AnswerAsync(_endpoint, method, path, headers);
                var actual = await AnswerAsync(_cached, method, path, headers);
                Assert.Equal(expected, actual);
            }
        }
    }

    [Fact]
    public async Task Cached_answers_are_counted_like_the_endpoints()
    {
        using var first = await _cached.Client.GetAsync("feeds/rss.xml");
        for (var i = 0; i < 4; i++)
        {
            using var again = await _cached.Client.GetAsync("feeds/rss.xml");
            using var conditional = new HttpRequestMessage(HttpMethod.Get, "feeds/rss.xml");
            conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);
            using var notModified = await _cached.Client.SendAsync(conditional);
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotModified), (again.StatusCode, notModified.StatusCode));
        }
        var metrics = await _cached.Client.GetStringAsync("metrics");

        Assert.Equal(5, PrometheusText.Value(metrics, "syndication_feed_requests_total", "kind=\"site\"", "status=\"200\""));
        Assert.Equal(4, PrometheusText.Value(metrics, "syndication_feed_requests_total", "kind=\"site\"", "status=\"304\""));
    }

    [Fact]
    public async Task A_page_query_and_unknown_feeds_still_reach_the_endpoint()
    {
        using var warm = await _cached.Client.GetAsync("feeds/rss.xml");

        Assert.Equal(
            await AnswerAsync(_endpoint, HttpMethod.Get, "feeds/rss.xml?page=1", []),
            await AnswerAsync(_cached, HttpMethod.Get, "feeds/rss.xml?page=1", []));
        Assert.Equal(HttpStatusCode.BadRequest, (await _cached.Client.GetAsync("feeds/rss.xml?page=x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _cached.Client.GetAsync("feeds/sections/khong-co/rss.xml")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await _cached.Client.PostAsync("feeds/rss.xml", null)).StatusCode);
    }

    /// <summary>Status, headers (all but Date) and body bytes of one request, as text to compare and to read in a failure.</summary>
    private static async Task<string> AnswerAsync(ServiceUnderTest service, HttpMethod method, string path, (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await service.Client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        var lines = response.Headers.Concat(response.Content.Headers)
            .Where(header => header.Key != "Date")
            .Select(header => $"{header.Key}: {string.Join(", ", header.Value)}")
            .Order(StringComparer.Ordinal);
        return $"{method} {path} [{string.Join("; ", headers.Select(h => $"{h.Name}: {h.Value}"))}] → {(int)response.StatusCode}\n"
            + string.Join("\n", lines) + $"\nbody {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(body))} ({body.Length} bytes)";
    }
}
