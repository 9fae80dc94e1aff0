using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Syndication.Worker.Ingestion.Fetching;

namespace Syndication.Worker.Tests.Ingestion.Fetching;

public sealed class FeedFetcherLimitTests : IAsyncLifetime
{
    private const int Limit = 64 * 1024;

    private LoopbackFeedServer _server = null!;
    private readonly FetcherUnderTest _fetcher = FetcherUnderTest.Create(options =>
    {
        options.RequestTimeoutSeconds = 2;
        options.MaxBodyBytes = Limit;
    });

    public async Task InitializeAsync() => _server = await LoopbackFeedServer.StartAsync();

    public async Task DisposeAsync()
    {
        _fetcher.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Body_that_never_finishes_fails_at_the_timeout()
    {
        _server.Map("/slow.xml", async context =>
        {
            context.Response.ContentType = "application/rss+xml";
            context.Response.ContentLength = 10_000;
            await context.Response.WriteAsync("<rss version=\"2.0\"><channel>", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        var clock = Stopwatch.StartNew();

        var result = await _fetcher.FetchAsync(_server.Url("/slow.xml"));

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal(200, result.HttpStatus);
        Assert.Equal("timed out after 2 s", result.Error);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(6));
    }

    [Fact]
    public async Task Headers_that_never_come_fail_at_the_timeout()
    {
        _server.Map("/silent.xml", context => Task.Delay(Timeout.Infinite, context.RequestAborted));

        var result = await _fetcher.FetchAsync(_server.Url("/silent.xml"));

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Null(result.HttpStatus);
        Assert.Equal("timed out after 2 s", result.Error);
        Assert.InRange(result.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(6));
    }

    [Fact]
    public async Task Caller_cancellation_throws_instead_of_returning_a_result()
    {
        using var fetcher = FetcherUnderTest.Create(options => options.RequestTimeoutSeconds = 30);
        _server.Map("/silent.xml", context => Task.Delay(Timeout.Infinite, context.RequestAborted));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            fetcher.Fetcher.FetchAsync(new FetchRequest(_server.Url("/silent.xml"), null, null), cancellation.Token));
    }

    [Fact]
    public async Task Declared_body_over_the_limit_fails_before_reading_it()
    {
        _server.ServeBytes("/big.xml", new byte[Limit + 1], "application/rss+xml");

        var result = await _fetcher.FetchAsync(_server.Url("/big.xml"));

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal(200, result.HttpStatus);
        Assert.Equal("body exceeds the 65536-byte limit", result.Error);
        Assert.Null(result.Body);
        Assert.Equal(0, result.BytesRead);
    }

    [Fact]
    public async Task Undeclared_body_over_the_limit_stops_one_byte_past_it()
    {
        _server.Map("/big.xml", async context =>
        {
            context.Response.ContentType = "application/rss+xml";
            var chunk = new byte[8 * 1024];
            for (var i = 0; i < 64; i++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        });

        var result = await _fetcher.FetchAsync(_server.Url("/big.xml"));

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal("body exceeds the 65536-byte limit", result.Error);
        Assert.Equal(Limit + 1, result.BytesRead);
    }

    [Fact]
    public async Task Body_exactly_at_the_limit_is_accepted()
    {
        _server.Map("/full.xml", context =>
        {
            context.Response.ContentType = "application/rss+xml";
            return context.Response.Body.WriteAsync(new byte[Limit], context.RequestAborted).AsTask();
        });

        var result = await _fetcher.FetchAsync(_server.Url("/full.xml"));

        Assert.Equal(FetchOutcome.Fetched, result.Outcome);
        Assert.Equal(Limit, result.Body!.Length);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task Compression_bomb_fails_at_the_limit_counted_after_decompression(string encoding)
    {
        var bomb = ContentEncodings.Encode(new byte[10 * 1024 * 1024], encoding);
        Assert.True(bomb.Length < Limit, "the compressed body itself is under the limit");
        _server.ServeBytes("/bomb.xml", bomb, "application/rss+xml", contentEncoding: encoding);

        var result = await _fetcher.FetchAsync(_server.Url("/bomb.xml"));

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal("body exceeds the 65536-byte limit", result.Error);
        Assert.Equal(Limit + 1, result.BytesRead);
    }

    [Fact]
    public async Task Body_cut_short_of_its_length_fails()
    {
        _server.Map("/cut.xml", async context =>
        {
            context.Response.ContentLength = 10_000;
            await context.Response.Body.WriteAsync(new byte[100], context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            // Ending short of Content-Length makes Kestrel drop the connection mid-body.
        });

        var result = await _fetcher.FetchAsync(_server.Url("/cut.xml"));

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal("127.0.0.1 closed the connection before the response was complete", result.Error);
        Assert.Equal(100, result.BytesRead);
    }

    [Fact]
    public async Task Corrupt_gzip_fails_with_a_clear_error()
    {
        // A valid gzip header, then a deflate block of the reserved type 11.
        byte[] corrupt = [0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0x03, 0xff, 0xff, 0xff, 0xff];
        _server.ServeBytes("/corrupt.xml", corrupt, "application/rss+xml", contentEncoding: "gzip");

        var result = await _fetcher.FetchAsync(_server.Url("/corrupt.xml"));

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.StartsWith("response from 127.0.0.1 could not be decompressed", result.Error, StringComparison.Ordinal);
    }
}
