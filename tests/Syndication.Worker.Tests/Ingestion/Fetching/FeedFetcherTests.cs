using System.Globalization;
using System.Text;
using Syndication.Worker.Ingestion.Fetching;

namespace Syndication.Worker.Tests.Ingestion.Fetching;

public sealed class FeedFetcherTests : IAsyncLifetime
{
    private const string Rss = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Tin Đắk Lắk</title></channel></rss>""";
    private const string RssType = "application/rss+xml; charset=utf-8";
    private static readonly DateTimeOffset Edited = new(2024, 10, 2, 0, 15, 0, TimeSpan.Zero);

    private LoopbackFeedServer _server = null!;
    private readonly FetcherUnderTest _fetcher = FetcherUnderTest.Create();

    public async Task InitializeAsync() => _server = await LoopbackFeedServer.StartAsync();

    public async Task DisposeAsync()
    {
        _fetcher.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Ok_response_gives_the_body_and_its_validators_verbatim()
    {
        _server.ServeFeed("/rss.xml", Rss, RssType, etag: "\"v1\"", lastModified: Edited);

        var result = await _fetcher.FetchAsync(_server.Url("/rss.xml"));

        Assert.Equal(FetchOutcome.Fetched, result.Outcome);
        Assert.Equal(200, result.HttpStatus);
        Assert.Equal(Rss, Encoding.UTF8.GetString(result.Body!));
        Assert.Equal(RssType, result.ContentType);
        Assert.Equal("\"v1\"", result.ETag);
        Assert.Equal("Wed, 02 Oct 2024 00:15:00 GMT", result.LastModified);
        Assert.Equal(_server.Url("/rss.xml"), result.FinalUrl);
        Assert.Null(result.PermanentUrl);
        Assert.Null(result.Error);
        Assert.Equal(Encoding.UTF8.GetByteCount(Rss), result.BytesRead);
        Assert.True(result.Elapsed > TimeSpan.Zero);
    }

    [Fact]
    public async Task Matching_etag_gets_not_modified_without_a_body()
    {
        _server.ServeFeed("/rss.xml", Rss, RssType, etag: "W/\"weak-7\"");
        var first = await _fetcher.FetchAsync(_server.Url("/rss.xml"));

        var second = await _fetcher.FetchAsync(_server.Url("/rss.xml"), etag: first.ETag);

        Assert.Equal(FetchOutcome.NotModified, second.Outcome);
        Assert.Equal(304, second.HttpStatus);
        Assert.Null(second.Body);
        Assert.Equal("W/\"weak-7\"", second.ETag);
        Assert.Equal("W/\"weak-7\"", _server.LastRequestHeaders("/rss.xml")!["If-None-Match"].ToString());
        Assert.Equal(2, _server.RequestCount("/rss.xml"));
    }

    [Fact]
    public async Task Matching_last_modified_gets_not_modified()
    {
        _server.ServeFeed("/rss.xml", Rss, RssType, lastModified: Edited);
        var first = await _fetcher.FetchAsync(_server.Url("/rss.xml"));

        var second = await _fetcher.FetchAsync(_server.Url("/rss.xml"), lastModified: first.LastModified);

        Assert.Equal(FetchOutcome.NotModified, second.Outcome);
        Assert.Equal(first.LastModified, second.LastModified);
        Assert.Equal(first.LastModified, _server.LastRequestHeaders("/rss.xml")!["If-Modified-Since"].ToString());
    }

    [Fact]
    public async Task Stale_etag_gets_the_new_body()
    {
        _server.ServeFeed("/rss.xml", Rss, RssType, etag: "\"v2\"");

        var result = await _fetcher.FetchAsync(_server.Url("/rss.xml"), etag: "\"v1\"");

        Assert.Equal(FetchOutcome.Fetched, result.Outcome);
        Assert.Equal("\"v2\"", result.ETag);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    [InlineData("deflate")]
    public async Task Compressed_responses_are_decompressed(string encoding)
    {
        var plain = Encoding.UTF8.GetBytes(Rss + new string(' ', 5000));
        _server.ServeBytes("/rss.xml", ContentEncodings.Encode(plain, encoding), RssType, contentEncoding: encoding);

        var result = await _fetcher.FetchAsync(_server.Url("/rss.xml"));

        Assert.Equal(FetchOutcome.Fetched, result.Outcome);
        Assert.Equal(plain, result.Body);
        Assert.Equal(plain.Length, result.BytesRead);
        Assert.Contains(encoding, _server.LastRequestHeaders("/rss.xml")!["Accept-Encoding"].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_names_the_service_and_prefers_feed_types()
    {
        _server.ServeFeed("/rss.xml", Rss, RssType);

        await _fetcher.FetchAsync(_server.Url("/rss.xml"));

        var headers = _server.LastRequestHeaders("/rss.xml")!;
        Assert.Equal($"Syndication/1.0 (+{FetcherUnderTest.BaseUrl})", headers.UserAgent.ToString());
        Assert.StartsWith("application/rss+xml, application/atom+xml, application/feed+json", headers.Accept.ToString(), StringComparison.Ordinal);
        Assert.False(headers.ContainsKey("If-None-Match"));
    }

    [Fact]
    public async Task Configured_user_agent_is_sent_as_it_is()
    {
        using var fetcher = FetcherUnderTest.Create(options => options.UserAgent = "NewsroomBot/2.1 (+https://example.org/bot)");
        _server.ServeFeed("/rss.xml", Rss, RssType);

        await fetcher.FetchAsync(_server.Url("/rss.xml"));

        Assert.Equal("NewsroomBot/2.1 (+https://example.org/bot)", _server.LastRequestHeaders("/rss.xml")!.UserAgent.ToString());
    }

    [Fact]
    public async Task Gone_gives_gone()
    {
        _server.Status("/old.xml", 410);

        var result = await _fetcher.FetchAsync(_server.Url("/old.xml"));

        Assert.Equal(FetchOutcome.Gone, result.Outcome);
        Assert.Equal(410, result.HttpStatus);
        Assert.Equal("HTTP 410 Gone", result.Error);
    }

    [Fact]
    public async Task Too_many_requests_with_retry_after_seconds_asks_to_retry_later()
    {
        _server.Status("/rss.xml", 429, ("Retry-After", "120"));

        var result = await _fetcher.FetchAsync(_server.Url("/rss.xml"));

        Assert.Equal(FetchOutcome.RetryLater, result.Outcome);
        Assert.Equal(429, result.HttpStatus);
        Assert.Equal(TimeSpan.FromSeconds(120), result.RetryAfter);
        Assert.Equal("HTTP 429 Too Many Requests", result.Error);
    }

    [Fact]
    public async Task Unavailable_with_retry_after_date_waits_until_that_date()
    {
        var now = new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);
        using var fetcher = FetcherUnderTest.Create(clock: new FixedClock(now));
        _server.Status("/rss.xml", 503, ("Retry-After", now.AddMinutes(15).ToString("r", CultureInfo.InvariantCulture)));

        var result = await fetcher.FetchAsync(_server.Url("/rss.xml"));

        Assert.Equal(FetchOutcome.RetryLater, result.Outcome);
        Assert.Equal(TimeSpan.FromMinutes(15), result.RetryAfter);
        Assert.Equal("HTTP 503 Service Unavailable", result.Error);
    }

    [Fact]
    public async Task Unavailable_without_retry_after_leaves_the_wait_to_the_scheduler()
    {
        _server.Status("/rss.xml", 503);

        var result = await _fetcher.FetchAsync(_server.Url("/rss.xml"));

        Assert.Equal(FetchOutcome.RetryLater, result.Outcome);
        Assert.Null(result.RetryAfter);
    }

    [Theory]
    [InlineData(500, "HTTP 500 Internal Server Error")]
    [InlineData(404, "HTTP 404 Not Found")]
    [InlineData(403, "HTTP 403 Forbidden")]
    [InlineData(204, "HTTP 204 No Content")]
    public async Task Other_statuses_fail_naming_the_status(int status, string error)
    {
        _server.Status("/rss.xml", status);

        var result = await _fetcher.FetchAsync(_server.Url("/rss.xml"));

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal(status, result.HttpStatus);
        Assert.Equal(error, result.Error);
    }

    [Fact]
    public async Task Ok_with_an_empty_body_fails()
    {
        _server.ServeBytes("/rss.xml", [], RssType);

        var result = await _fetcher.FetchAsync(_server.Url("/rss.xml"));

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal("HTTP 200 OK with an empty body", result.Error);
    }

    [Fact]
    public async Task Not_modified_to_an_unconditional_request_fails()
    {
        _server.Status("/rss.xml", 304);

        var result = await _fetcher.FetchAsync(_server.Url("/rss.xml"));

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Contains("not conditional", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closed_port_fails_with_connection_refused()
    {
        var closed = new Uri($"http://127.0.0.1:{ClosedPort()}/rss.xml");

        var result = await _fetcher.FetchAsync(closed);

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Null(result.HttpStatus);
        Assert.Equal($"connection to 127.0.0.1:{closed.Port} refused", result.Error);
    }

    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
