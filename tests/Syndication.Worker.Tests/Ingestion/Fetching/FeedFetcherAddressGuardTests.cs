using Syndication.Worker.Ingestion.Fetching;

namespace Syndication.Worker.Tests.Ingestion.Fetching;

public sealed class FeedFetcherAddressGuardTests : IAsyncLifetime
{
    /// <summary>Every refusal names the setting that would allow it.</summary>
    private const string AllowHint = "; set Syndication:Ingestion:AllowPrivateNetworks to true to allow non-public addresses";

    private LoopbackFeedServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackFeedServer.StartAsync();
        _server.ServeFeed("/feed.xml", "<rss version=\"2.0\"><channel/></rss>", "application/rss+xml");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Loopback_address_is_refused_and_never_contacted()
    {
        using var fetcher = FetcherUnderTest.CreateGuarded();

        var result = await fetcher.FetchAsync(_server.Url("/feed.xml"));

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Null(result.HttpStatus);
        Assert.Equal("connection to 127.0.0.1 refused: loopback address" + AllowHint, result.Error);
        Assert.Equal(0, _server.RequestCount("/feed.xml"));
    }

    [Fact]
    public async Task Host_name_resolving_to_loopback_is_refused()
    {
        using var fetcher = FetcherUnderTest.CreateGuarded();

        var result = await fetcher.FetchAsync(new Uri($"http://localhost:{_server.Port}/feed.xml"));

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Matches(@"^connection to (127\.0\.0\.1|::1) refused: loopback address \(host localhost\); set Syndication:Ingestion:AllowPrivateNetworks to true", result.Error);
        Assert.Equal(0, _server.RequestCount("/feed.xml"));
    }

    [Theory]
    [InlineData("http://10.0.0.1/feed.xml", "connection to 10.0.0.1 refused: private address")]
    [InlineData("http://192.168.1.1:8080/rss", "connection to 192.168.1.1 refused: private address")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "connection to 169.254.169.254 refused: link-local address")]
    [InlineData("http://100.64.0.1/", "connection to 100.64.0.1 refused: private (carrier-grade NAT) address")]
    [InlineData("http://0.0.0.0/", "connection to 0.0.0.0 refused: unspecified address")]
    [InlineData("http://[::1]/", "connection to ::1 refused: loopback address")]
    [InlineData("http://[::ffff:127.0.0.1]/", "connection to ::ffff:127.0.0.1 refused: loopback address")]
    [InlineData("http://[fd00::5]/", "connection to fd00::5 refused: private address")]
    [InlineData("http://2130706433/", "connection to 127.0.0.1 refused: loopback address")]
    public async Task Non_public_addresses_are_refused_before_connecting(string url, string error)
    {
        using var fetcher = FetcherUnderTest.CreateGuarded();

        var result = await fetcher.FetchAsync(new Uri(url));

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal(error + AllowHint, result.Error);
    }

    [Fact]
    public async Task Redirect_hop_to_loopback_is_refused()
    {
        // The first server stands in for a public host: the seam lets connections to it through, and nothing else.
        await using var target = await LoopbackFeedServer.StartAsync();
        target.ServeFeed("/internal.xml", "secret", "text/plain");
        _server.Redirect("/public.xml", target.Url("/internal.xml").AbsoluteUri, 302);
        using var fetcher = FetcherUnderTest.CreateGuarded(exempt: endpoint => endpoint.Port == _server.Port);

        var result = await fetcher.FetchAsync(_server.Url("/public.xml"));

        Assert.Equal(1, _server.RequestCount("/public.xml"));
        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal("connection to 127.0.0.1 refused: loopback address" + AllowHint, result.Error);
        Assert.Equal(target.Url("/internal.xml"), result.FinalUrl);
        Assert.Equal(0, target.RequestCount("/internal.xml"));
    }

    [Fact]
    public async Task Allowing_private_networks_lets_loopback_through()
    {
        using var fetcher = FetcherUnderTest.Create(options => options.AllowPrivateNetworks = true);

        var result = await fetcher.FetchAsync(_server.Url("/feed.xml"));

        Assert.Equal(FetchOutcome.Fetched, result.Outcome);
    }

    [Theory]
    [InlineData("file:///etc/passwd", "unsupported scheme 'file': only http and https are fetched")]
    [InlineData("ftp://ftp.example.org/feed.xml", "unsupported scheme 'ftp': only http and https are fetched")]
    [InlineData("gopher://example.org/1", "unsupported scheme 'gopher': only http and https are fetched")]
    public async Task Other_schemes_are_refused(string url, string error)
    {
        using var fetcher = FetcherUnderTest.Create();

        var result = await fetcher.FetchAsync(new Uri(url));

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal(error, result.Error);
        Assert.Null(result.Body);
    }

    [Fact]
    public async Task Redirect_to_another_scheme_is_refused()
    {
        _server.Redirect("/feed-file.xml", "file:///etc/passwd", 301);
        using var fetcher = FetcherUnderTest.Create();

        var result = await fetcher.FetchAsync(_server.Url("/feed-file.xml"));

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal("redirect to unsupported scheme 'file': only http and https are fetched", result.Error);
        Assert.Null(result.Body);
    }
}
