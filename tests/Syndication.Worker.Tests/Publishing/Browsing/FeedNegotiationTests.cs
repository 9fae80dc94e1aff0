using System.Net;
using Syndication.Worker.Publishing.Browsing;
using Syndication.Worker.Tests.Publishing.Pages;

namespace Syndication.Worker.Tests.Publishing.Browsing;

/// <summary>A feed URL opened in a browser shows a page; every feed reader keeps getting the same bytes and entity tag.</summary>
public sealed class FeedNegotiationTests(PagesFixture pages) : IClassFixture<PagesFixture>
{
    private HttpClient Client => pages.Service.Client;

    public static readonly TheoryData<string> FeedPaths = new()
    {
        "feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json", "feeds/sections/kinh-te/rss.xml", "feeds/tags/ca-phe/atom.xml?page=1",
        "feeds/archive/2024-02.atom", "feeds/related/rss.xml", "feeds/search.atom?q=c%C3%A0%20ph%C3%AA",
    };

    [Theory]
    [MemberData(nameof(ClientHeaders.Browsers), MemberType = typeof(ClientHeaders))]
    public void Browsers_prefer_the_page(string accept) => Assert.True(FeedNegotiation.PrefersHtml(accept));

    [Theory]
    [MemberData(nameof(ClientHeaders.Readers), MemberType = typeof(ClientHeaders))]
    public void Readers_prefer_the_feed(string? accept) => Assert.False(FeedNegotiation.PrefersHtml(accept));

    [Theory]
    [InlineData("text/html;q=0.5, application/rss+xml")]
    [InlineData("application/rss+xml, text/html")]
    [InlineData("text/html;q=0")]
    [InlineData("not a media type")]
    public void A_tie_or_a_lower_html_preference_gets_the_feed(string accept) => Assert.False(FeedNegotiation.PrefersHtml(accept));

    [Fact]
    public async Task Every_reader_gets_the_same_bytes_and_entity_tag_with_vary_accept()
    {
        foreach (var path in FeedPaths)
        {
            var (plainTag, plainBytes) = await FetchAsync(path, accept: null);
            foreach (var accept in ClientHeaders.Readers)
            {
                using var response = await SendAsync(path, accept);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} with {accept}: {(int)response.StatusCode}");
                Assert.Equal(plainTag, response.Headers.ETag);
                Assert.Equal(plainBytes, await response.Content.ReadAsByteArrayAsync());
                Assert.Contains("Accept", response.Headers.Vary);
                Assert.NotEqual("text/html", response.Content.Headers.ContentType!.MediaType);
            }
        }
    }

    [Theory]
    [MemberData(nameof(ClientHeaders.Browsers), MemberType = typeof(ClientHeaders))]
    public async Task A_browser_gets_a_readable_page_naming_the_feed_and_its_newest_items(string accept)
    {
        foreach (var path in FeedPaths)
        {
            using var response = await SendAsync(path, accept);
            var document = HtmlDocument.Parse(await response.Content.ReadAsStringAsync());

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("Accept", response.Headers.Vary);
            Assert.Null(response.Headers.ETag);
            Assert.Equal(new Uri(Client.BaseAddress!, path).AbsoluteUri, document.QuerySelector("#dia-chi-kenh")!.GetAttribute("value"));
            Assert.NotNull(document.QuerySelector($"a[href='{Client.BaseAddress}feeds']"));
            Assert.Contains("trình đọc tin", document.QuerySelector(".subscribe")!.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain("<?xml", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var site = HtmlDocument.Parse(await (await SendAsync("feeds/rss.xml", accept)).Content.ReadAsStringAsync());
        Assert.Equal(PagesArchive.ArticleCount, site.QuerySelectorAll(".teaser h3 a").Length);
        Assert.StartsWith("Bài 47:", site.QuerySelector(".teaser h3 a")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_feed_opened_in_a_browser_is_a_styled_404_and_plain_for_readers()
    {
        using var browser = await SendAsync("feeds/sections/khong-co/rss.xml", ClientHeaders.Chromium);
        using var reader = await SendAsync("feeds/sections/khong-co/rss.xml", ClientHeaders.Feedparser);

        Assert.Equal((HttpStatusCode.NotFound, "text/html"), (browser.StatusCode, browser.Content.Headers.ContentType!.MediaType));
        Assert.Equal((HttpStatusCode.NotFound, "text/plain"), (reader.StatusCode, reader.Content.Headers.ContentType!.MediaType));
    }

    private async Task<(System.Net.Http.Headers.EntityTagHeaderValue? Tag, byte[] Body)> FetchAsync(string path, string? accept)
    {
        using var response = await SendAsync(path, accept);
        return (response.Headers.ETag, await response.Content.ReadAsByteArrayAsync());
    }

    private Task<HttpResponseMessage> SendAsync(string path, string? accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        return Client.SendAsync(request);
    }
}
