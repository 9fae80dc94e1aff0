using Syndication.Worker.Ingestion.Fetching;

namespace Syndication.Worker.Tests.Ingestion.Fetching;

public sealed class FeedFetcherRedirectTests : IAsyncLifetime
{
    private const string Rss = """<rss version="2.0"><channel><title>Nông nghiệp</title></channel></rss>""";

    private LoopbackFeedServer _server = null!;
    private readonly FetcherUnderTest _fetcher = FetcherUnderTest.Create();

    public async Task InitializeAsync()
    {
        _server = await LoopbackFeedServer.StartAsync();
        _server.ServeFeed("/feed.xml", Rss, "application/rss+xml", etag: "\"f\"");
    }

    public async Task DisposeAsync()
    {
        _fetcher.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Chain_of_301_and_308_gives_the_permanent_url()
    {
        _server.Redirect("/a", "/b", 301);
        _server.Redirect("/b", _server.Url("/feed.xml").AbsoluteUri, 308);

        var result = await _fetcher.FetchAsync(_server.Url("/a"));

        Assert.Equal(FetchOutcome.Fetched, result.Outcome);
        Assert.Equal(_server.Url("/feed.xml"), result.FinalUrl);
        Assert.Equal(_server.Url("/feed.xml"), result.PermanentUrl);
        Assert.Equal(Rss, System.Text.Encoding.UTF8.GetString(result.Body!));
    }

    [Fact]
    public async Task Permanent_redirect_to_a_not_modified_feed_still_gives_the_permanent_url()
    {
        _server.Redirect("/moved", "/feed.xml", 301);

        var result = await _fetcher.FetchAsync(_server.Url("/moved"), etag: "\"f\"");

        Assert.Equal(FetchOutcome.NotModified, result.Outcome);
        Assert.Equal(_server.Url("/feed.xml"), result.PermanentUrl);
    }

    [Theory]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(307)]
    public async Task Temporary_redirect_in_the_chain_gives_no_permanent_url(int temporary)
    {
        _server.Redirect("/a", "/b", 301);
        _server.Redirect("/b", "/feed.xml", temporary);

        var result = await _fetcher.FetchAsync(_server.Url("/a"));

        Assert.Equal(FetchOutcome.Fetched, result.Outcome);
        Assert.Equal(_server.Url("/feed.xml"), result.FinalUrl);
        Assert.Null(result.PermanentUrl);
    }

    [Fact]
    public async Task Relative_location_is_resolved_against_the_current_url()
    {
        _server.Redirect("/old/rss/index.xml", "../../feed.xml", 301);

        var result = await _fetcher.FetchAsync(_server.Url("/old/rss/index.xml"));

        Assert.Equal(FetchOutcome.Fetched, result.Outcome);
        Assert.Equal(_server.Url("/feed.xml"), result.PermanentUrl);
    }

    [Fact]
    public async Task Permanent_redirect_to_a_failing_url_keeps_the_stored_url()
    {
        _server.Redirect("/a", "/broken", 301);
        _server.Status("/broken", 500);

        var result = await _fetcher.FetchAsync(_server.Url("/a"));

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal(_server.Url("/broken"), result.FinalUrl);
        Assert.Null(result.PermanentUrl);
    }

    [Fact]
    public async Task Five_redirects_are_followed()
    {
        Chain(5);

        var result = await _fetcher.FetchAsync(_server.Url("/r1"));

        Assert.Equal(FetchOutcome.Fetched, result.Outcome);
        Assert.Equal(_server.Url("/feed.xml"), result.PermanentUrl);
    }

    [Fact]
    public async Task Six_redirects_fail_without_fetching_the_sixth_target()
    {
        Chain(6);

        var result = await _fetcher.FetchAsync(_server.Url("/r1"));

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal("more than 5 redirects", result.Error);
        Assert.Equal(301, result.HttpStatus);
        Assert.Equal(_server.Url("/r6"), result.FinalUrl);
        Assert.Equal(0, _server.RequestCount("/feed.xml"));
    }

    [Fact]
    public async Task Redirect_loop_fails_as_soon_as_it_comes_back()
    {
        _server.Redirect("/x", "/y", 302);
        _server.Redirect("/y", "/x", 302);

        var result = await _fetcher.FetchAsync(_server.Url("/x"));

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal($"redirect loop: {_server.Url("/x").AbsoluteUri} was already visited", result.Error);
        Assert.Equal(1, _server.RequestCount("/x"));
        Assert.Equal(1, _server.RequestCount("/y"));
    }

    [Fact]
    public async Task Self_redirect_that_never_repeats_a_url_stops_at_the_limit()
    {
        var hops = 0;
        _server.Map("/spin", context =>
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "/spin?n=" + Interlocked.Increment(ref hops);
            return Task.CompletedTask;
        });

        var result = await _fetcher.FetchAsync(_server.Url("/spin"));

        Assert.Equal("more than 5 redirects", result.Error);
        Assert.Equal(6, _server.RequestCount("/spin"));
    }

    [Fact]
    public async Task Redirect_without_location_fails()
    {
        _server.Status("/a", 301);

        var result = await _fetcher.FetchAsync(_server.Url("/a"));

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal("HTTP 301 Moved Permanently without a usable Location header", result.Error);
    }

    /// <summary>/r1 → /r2 → … → /r<paramref name="redirects"/> → /feed.xml, all 301.</summary>
    private void Chain(int redirects)
    {
        for (var hop = 1; hop <= redirects; hop++)
        {
            _server.Redirect($"/r{hop}", hop == redirects ? "/feed.xml" : $"/r{hop + 1}", 301);
        }
    }
}
