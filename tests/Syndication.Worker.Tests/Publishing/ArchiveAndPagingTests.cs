using Microsoft.Extensions.DependencyInjection;
using Syndication.Worker.Publishing;
using System.Xml.Linq;

namespace Syndication.Worker.Tests.Publishing;

/// <summary>A partner walking our archive links or pages gets every article exactly once.</summary>
public sealed class ArchiveAndPagingTests(LargeArchiveFixture archive) : IClassFixture<LargeArchiveFixture>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace History = "http://purl.org/syndication/history/1.0";

    private HttpClient Client => archive.Service.Client;

    private async Task<XDocument> GetAtomAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
        return XDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static string? Link(XDocument document, string relation) =>
        (string?)document.Root!.Elements(Atom + "link").FirstOrDefault(l => (string?)l.Attribute("rel") == relation)?.Attribute("href");

    private static IEnumerable<string> EntryIds(XDocument document) =>
        document.Root!.Elements(Atom + "entry").Select(e => (string)e.Element(Atom + "id")!);

    [Fact]
    public async Task Walking_prev_archive_from_the_site_feed_reaches_every_article_once()
    {
        var site = await GetAtomAsync("feeds/atom.xml");
        var seen = new List<string>();
        var documents = 0;
        for (var next = Link(site, "prev-archive"); next is not null; documents++)
        {
            var month = await GetAtomAsync(next);
            Assert.NotNull(month.Root!.Element(History + "archive"));
            Assert.Equal(new Uri(Client.BaseAddress!, "feeds/atom.xml").AbsoluteUri, Link(month, "current"));
            seen.AddRange(EntryIds(month));
            next = Link(month, "prev-archive");
        }

        Assert.True(documents >= 60, $"only {documents} archive documents");
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.True(seen.Count >= LargeArchiveFixture.ArticleCount, $"walk found {seen.Count} articles");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task An_archive_month_arrives_whole_in_each_coding(string? coding)
    {
        var rendered = await archive.Service.Services.GetRequiredService<FeedPublisher>()
            .GetAsync(FeedAddress.Archive(2020, 1), page: null, CancellationToken.None);
        var expected = coding switch { "gzip" => rendered!.Gzip, "br" => rendered!.Brotli, _ => rendered!.Body };
        // The identity form spans more than one slice; the generated text compresses to less than one.
        Assert.True(coding is not null || expected.Length > FeedResponder.SliceBytes, $"only {expected.Length} bytes: too small to be written in slices");

        using var raw = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.None }) { BaseAddress = Client.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "feeds/archive/2020-01.atom");
        if (coding is not null)
        {
            request.Headers.AcceptEncoding.ParseAdd(coding);
        }
        using var response = await raw.SendAsync(request);

        Assert.Equal(coding, response.Content.Headers.ContentEncoding.SingleOrDefault());
        Assert.Equal(expected.Length, response.Content.Headers.ContentLength);
        Assert.Equal(expected, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Archive_months_link_both_ways_and_an_unknown_month_is_404()
    {
        var first = await GetAtomAsync("feeds/archive/2020-01.atom");
        var second = await GetAtomAsync(Link(first, "next-archive")!);

        Assert.Null(Link(first, "prev-archive"));
        Assert.EndsWith("feeds/archive/2020-02.atom", Link(first, "next-archive"));
        Assert.EndsWith("feeds/archive/2020-01.atom", Link(second, "prev-archive"));
        Assert.All(second.Root!.Elements(Atom + "entry"), entry =>
            Assert.StartsWith("2020-02", (string)entry.Element(Atom + "published")!));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await Client.GetAsync("feeds/archive/2019-12.atom")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await Client.GetAsync("feeds/archive/2099-01.atom")).StatusCode);
        // Year 0000 is no calendar year: unknown like any other month, not a server error.
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await Client.GetAsync("feeds/archive/0000-01.atom")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await Client.GetAsync("archive/0000-01")).StatusCode);
    }

    [Fact]
    public async Task Walking_pages_gets_every_article_once_even_when_one_is_published_midway()
    {
        var newest = await GetAtomAsync("feeds/atom.xml");
        var seen = new List<string>();
        var pages = 0;
        for (var next = Link(newest, "first"); next is not null; pages++)
        {
            var page = await GetAtomAsync(next);
            seen.AddRange(EntryIds(page));
            if (pages == 3)
            {
                await archive.AddArticlesAsync(LargeArchiveFixture.ArticleCount + 100, 1);
            }
            next = Link(page, "next");
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.True(seen.Count >= LargeArchiveFixture.ArticleCount, $"pages gave {seen.Count} articles");
        Assert.True(pages >= LargeArchiveFixture.ArticleCount / LargeArchiveFixture.PageSize);
    }

    [Fact]
    public async Task Author_and_tag_feeds_live_at_slugs_made_from_vietnamese_names()
    {
        var author = await GetAtomAsync("feeds/authors/hong-chuyen/atom.xml");
        var tag = XDocument.Parse(await Client.GetStringAsync("feeds/tags/dak-lak/rss.xml"));
        var paged = await GetAtomAsync("feeds/tags/tin-dung-chinh-sach/atom.xml?page=1");

        Assert.All(author.Root!.Elements(Atom + "entry"), entry =>
            Assert.Equal("Hồng Chuyên", (string?)entry.Element(Atom + "author")?.Element(Atom + "name")));
        Assert.NotEmpty(author.Root!.Elements(Atom + "entry"));
        Assert.All(tag.Descendants("item"), item => Assert.Contains(item.Elements("category"), c => c.Value == "Đắk Lắk"));
        Assert.Null(Link(paged, "next"));
        Assert.NotNull(Link(paged, "previous"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await Client.GetAsync("feeds/authors/khong-ai/atom.xml")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await Client.GetAsync("feeds/rss.xml?page=abc")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await Client.GetAsync("feeds/rss.xml?page=100000")).StatusCode);
    }
}
