using System.Text;
using Microsoft.AspNetCore.Http;
using Syndication.Worker.Publishing;

namespace Syndication.Worker.Tests.Publishing;

/// <summary>What a cached feed is answered with ahead of routing (<see cref="FeedResponder.TryWriteReady"/>).</summary>
public sealed class FeedResponderTests
{
    /// <summary>A feed just rendered: no coding compressed yet.</summary>
    private static RenderedFeed NewFeed() => new(Encoding.UTF8.GetBytes("<rss version=\"2.0\"><channel><title>Báo Đắk Lắk</title></channel></rss>"),
        "application/rss+xml; charset=utf-8", new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero));

    private static DefaultHttpContext Request(params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Get;
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }
        return context;
    }

    [Fact]
    public void A_reader_holding_the_gzip_tag_gets_its_304_though_no_gzip_bytes_were_made_and_none_are_made_for_it()
    {
        var feed = NewFeed();
        var context = Request(("Accept-Encoding", "gzip"), ("If-None-Match", $"\"{feed.Tag}-gz\""));

        Assert.True(FeedResponder.TryWriteReady(context, feed, 300, out _));
        Assert.Equal(StatusCodes.Status304NotModified, context.Response.StatusCode);
        Assert.False(feed.IsReady(ContentCoding.Gzip));
    }

    [Fact]
    public void A_first_gzip_200_is_left_to_the_endpoint_which_may_compress_and_an_identity_200_is_written()
    {
        var feed = NewFeed();

        Assert.False(FeedResponder.TryWriteReady(Request(("Accept-Encoding", "gzip")), feed, 300, out _));
        var identity = Request();
        Assert.True(FeedResponder.TryWriteReady(identity, feed, 300, out _));
        Assert.Equal(StatusCodes.Status200OK, identity.Response.StatusCode);

        _ = feed.Gzip;
        Assert.True(FeedResponder.TryWriteReady(Request(("Accept-Encoding", "gzip")), feed, 300, out _));
    }
}
