using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Syndication.Storage.Articles;

namespace Syndication.Worker.Tests.Publishing.Pages;

/// <summary>The archive as a person browses it: front page, sections, authors, tags, months and articles, all by links.</summary>
public sealed class ArchivePagesTests(PagesFixture pages) : IClassFixture<PagesFixture>
{
    private HttpClient Client => pages.Service.Client;

    private Uri Base => Client.BaseAddress!;

    [Fact]
    public async Task Every_article_is_reachable_by_following_links_from_the_front_page()
    {
        var queue = new Queue<string>([Base.AbsoluteUri]);
        var seen = new HashSet<string>(StringComparer.Ordinal) { Base.AbsoluteUri };
        var articles = new HashSet<string>(StringComparer.Ordinal);
        while (queue.Count > 0 && seen.Count < 600)
        {
            var (status, _, document) = await HtmlDocument.GetAsync(Client, queue.Dequeue());
            Assert.Equal(HttpStatusCode.OK, status);
            foreach (var link in HtmlDocument.Links(document, Base).Select(link => link.Split('#')[0]))
            {
                var path = new Uri(link).AbsolutePath;
                if (!link.StartsWith(Base.AbsoluteUri, StringComparison.Ordinal) || path.StartsWith("/feeds/", StringComparison.Ordinal)
                    || path.StartsWith("/search", StringComparison.Ordinal) || path.EndsWith(".opml", StringComparison.Ordinal))
                {
                    continue;
                }
                if (path.StartsWith("/articles/", StringComparison.Ordinal))
                {
                    articles.Add(path["/articles/".Length..]);
                }
                else if (seen.Add(link))
                {
                    queue.Enqueue(link);
                }
            }
        }

        var all = await pages.Service.Services.GetRequiredService<ArticleStore>().GetLatestAsync(1000, ArticleFacet.Site, CancellationToken.None);
        Assert.Equal(PagesArchive.ArticleCount, all.Count);
        Assert.Equal(all.Select(article => article.Slug).Order(StringComparer.Ordinal), articles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_front_page_leads_with_the_newest_articles_before_anything_else()
    {
        var (_, _, document) = await HtmlDocument.GetAsync(Client, "");

        var headings = document.QuerySelectorAll("main h2 a").Select(a => a.TextContent).ToList();
        Assert.StartsWith("Bài 47:", headings[0], StringComparison.Ordinal);
        Assert.StartsWith("Bài 46:", headings[1], StringComparison.Ordinal);
        // The list of feeds lives on its own page, linked from every page: the front page offers the site's three.
        Assert.Equal(3, document.QuerySelectorAll("main a[href*='/feeds/']").Length);
        Assert.NotNull(document.QuerySelector($"header a[href='{Base}feeds']"));
        Assert.NotNull(document.QuerySelector("a[rel=next]"));
    }

    [Fact]
    public async Task Section_pages_are_paged_newest_first_with_older_and_newer_links()
    {
        var (status, _, first) = await HtmlDocument.GetAsync(Client, "sections/kinh-te");
        var older = first.QuerySelector("a[rel=next]")!;
        var (_, _, second) = await HtmlDocument.GetAsync(Client, older.GetAttribute("href")!);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Kinh tế", first.QuerySelector("h1")!.TextContent);
        Assert.Contains("Bài cũ hơn", older.TextContent, StringComparison.Ordinal);
        Assert.Equal(20, first.QuerySelectorAll(".teaser").Length);
        Assert.Contains("Bài mới hơn", second.QuerySelector("a[rel=prev]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(second.QuerySelector("a[rel=next]"));
        var dates = first.QuerySelectorAll(".teaser time").Select(time => DateTimeOffset.Parse(time.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(dates.OrderByDescending(date => date), dates);
        Assert.Contains($"{Base}feeds/sections/kinh-te/rss.xml", first.QuerySelectorAll("link[rel=alternate]").Select(link => link.GetAttribute("href")));
    }

    [Theory]
    [InlineData("authors/hong-chuyen", "Hồng Chuyên")]
    [InlineData("authors/h-mai-nie", "H'Mai Niê")]
    [InlineData("tags/ca-phe", "Cà phê")]
    [InlineData("tags/tin-dung-chinh-sach", "Tín dụng chính sách")]
    public async Task Authors_and_tags_have_pages_at_their_slugs(string path, string name)
    {
        var (status, mediaType, document) = await HtmlDocument.GetAsync(Client, path);

        Assert.Equal((HttpStatusCode.OK, "text/html"), (status, mediaType));
        Assert.Equal(name, document.QuerySelector("h1")!.TextContent);
        Assert.NotEmpty(document.QuerySelectorAll(".teaser"));
    }

    [Theory]
    [InlineData("sections/khong-co", HttpStatusCode.NotFound)]
    [InlineData("authors/khong-ai", HttpStatusCode.NotFound)]
    [InlineData("tags/kinh-te?page=99", HttpStatusCode.NotFound)]
    [InlineData("sections/kinh-te?page=abc", HttpStatusCode.BadRequest)]
    [InlineData("articles/khong-co", HttpStatusCode.NotFound)]
    [InlineData("archive/2024-13", HttpStatusCode.NotFound)]
    [InlineData("nope", HttpStatusCode.NotFound)]
    public async Task Pages_that_do_not_exist_answer_a_styled_vietnamese_page_with_the_right_status(string path, HttpStatusCode expected)
    {
        var (status, mediaType, document) = await HtmlDocument.GetAsync(Client, path);

        Assert.Equal((expected, "text/html"), (status, mediaType));
        Assert.Equal("vi", document.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(document.QuerySelector($"link[rel=stylesheet][href^='{Base}assets/site.']"));
        Assert.NotNull(document.QuerySelector("form[role=search]"));
    }

    [Theory]
    [InlineData("feeds/sections/khong-co/rss.xml")]
    [InlineData("feeds/nope.xml")]
    [InlineData("api/nope")]
    public async Task Feeds_and_apis_keep_their_plain_error_format(string path)
    {
        using var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Months_run_from_the_oldest_to_the_newest_month_with_articles()
    {
        var (_, _, index) = await HtmlDocument.GetAsync(Client, "archive");
        var months = index.QuerySelectorAll(".months a").Select(a => new Uri(a.GetAttribute("href")!).AbsolutePath).ToList();

        Assert.Equal(["/archive/2024-03", "/archive/2024-02", "/archive/2024-01", "/archive/2023-10"], months);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("archive/2023-11")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("archive/2024-04")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("archive/2023-09")).StatusCode);
        // The month pages step over empty months to their neighbours with articles.
        var (_, _, october) = await HtmlDocument.GetAsync(Client, "archive/2023-10");
        Assert.EndsWith("/archive/2024-01", october.QuerySelectorAll("nav.pager a[rel=prev]")[^1].GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_site_atom_feed_points_prev_archive_at_the_newest_month_with_articles()
    {
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(await Client.GetStringAsync("feeds/atom.xml"));
        var prev = feed.Root!.Elements(atom + "link").Single(link => (string?)link.Attribute("rel") == "prev-archive");
        var march = XDocument.Parse(await Client.GetStringAsync("feeds/archive/2024-03.atom"));

        Assert.Equal($"{Base}feeds/archive/2024-03.atom", (string?)prev.Attribute("href"));
        Assert.DoesNotContain(march.Root!.Elements(atom + "link"), link => (string?)link.Attribute("rel") == "next-archive");
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("feeds/archive/2024-04.atom")).StatusCode);
        // An empty month between two with articles keeps the chain of archives whole.
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("feeds/archive/2023-12.atom")).StatusCode);
    }

    [Fact]
    public async Task The_article_page_shows_its_images_linked_teasers_tags_and_byline()
    {
        var (_, _, document) = await HtmlDocument.GetAsync(Client, $"articles/{PagesArchive.ImageArticle}");

        var figures = document.QuerySelectorAll("article figure").ToList();
        Assert.Equal(2, figures.Count);
        var first = figures[0].QuerySelector("img")!;
        Assert.Equal(("https://anh.baodaklak.example/2024/01/ca-phe.jpg", "lazy", "1200", "800"),
            (first.GetAttribute("src"), first.GetAttribute("loading"), first.GetAttribute("width"), first.GetAttribute("height")));
        Assert.Equal("Thu hái cà phê ở Cư M'gar", figures[0].QuerySelector("figcaption")!.TextContent);
        Assert.Null(figures[1].QuerySelector("img")!.GetAttribute("width"));

        var teasers = document.QuerySelectorAll(".related h3").ToList();
        Assert.Equal($"{Base}articles/bai-02", teasers[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Null(teasers[1].QuerySelector("a"));

        Assert.Equal($"{Base}tags/ca-phe", document.QuerySelector(".tags a")!.GetAttribute("href"));
        Assert.Equal($"{Base}authors/hong-chuyen", document.QuerySelector(".byline a")!.GetAttribute("href"));
        var subscribe = document.QuerySelectorAll(".subscribe a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"{Base}feeds/sections/kinh-te/rss.xml", subscribe);
        Assert.Contains($"{Base}feeds/authors/hong-chuyen/atom.xml", subscribe);
        Assert.Contains($"{Base}feeds/feed.json", subscribe);
    }

    [Fact]
    public async Task The_article_page_carries_canonical_open_graph_and_news_article_data()
    {
        var (_, _, document) = await HtmlDocument.GetAsync(Client, $"articles/{PagesArchive.ImageArticle}");
        string? Meta(string property) => document.QuerySelector($"meta[property='{property}']")?.GetAttribute("content");

        var url = $"{Base}articles/{PagesArchive.ImageArticle}";
        Assert.Equal(url, document.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal(("article", url, "https://anh.baodaklak.example/2024/01/ca-phe.jpg"), (Meta("og:type"), Meta("og:url"), Meta("og:image")));
        Assert.Equal("2024-01-04T05:06:00+07:00", Meta("article:published_time"));

        using var json = JsonDocument.Parse(document.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var data = json.RootElement;
        Assert.Equal("NewsArticle", data.GetProperty("@type").GetString());
        Assert.Equal("Bài 03: Chuyện vốn vay ưu đãi tuần này", data.GetProperty("headline").GetString());
        Assert.Equal("2024-01-04T05:06:00+07:00", data.GetProperty("datePublished").GetString());
        Assert.Equal("Hồng Chuyên", data.GetProperty("author")[0].GetProperty("name").GetString());
        Assert.Equal("https://anh.baodaklak.example/2024/01/ca-phe.jpg", data.GetProperty("image")[0].GetString());
        Assert.Equal("Kinh tế", data.GetProperty("articleSection").GetString());
    }

    [Fact]
    public async Task Text_with_markup_is_shown_as_text_everywhere()
    {
        var home = await Client.GetStringAsync("archive/2024-01");
        var article = await Client.GetStringAsync("articles/bai-05");
        var document = HtmlDocument.Parse(article);

        Assert.DoesNotContain("<script>alert(1)", home, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", article, StringComparison.Ordinal);
        Assert.Equal(PagesArchive.MarkupTitle, document.QuerySelector("h1")!.TextContent);
        // Inside the JSON-LD block, too: "<" is written as \u003C, so the title cannot end the script element.
        Assert.Equal(PagesArchive.MarkupTitle, JsonDocument.Parse(document.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement.GetProperty("headline").GetString());
    }

    [Fact]
    public async Task The_stylesheet_is_served_under_a_content_hash_for_a_year()
    {
        var (_, _, document) = await HtmlDocument.GetAsync(Client, "");
        var href = document.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        using var css = await Client.GetAsync(href);
        using var favicon = await Client.GetAsync("favicon.ico");

        Assert.Matches(@"/assets/site\.[0-9a-f]{12}\.css$", href);
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", css.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await css.Content.ReadAsByteArrayAsync()))[..12];
        Assert.EndsWith($"site.{hash}.css", href, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, "image/x-icon"), (favicon.StatusCode, favicon.Content.Headers.ContentType!.MediaType));
    }

    [Fact]
    public async Task The_icons_the_feeds_name_are_served_as_images()
    {
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var rss = XDocument.Parse(await Client.GetStringAsync("feeds/rss.xml"));
        var feed = XDocument.Parse(await Client.GetStringAsync("feeds/atom.xml"));
        using var json = JsonDocument.Parse(await Client.GetStringAsync("feeds/feed.json"));
        string[] icons =
        [
            (string)rss.Root!.Element("channel")!.Element("image")!.Element("url")!,
            (string)feed.Root!.Element(atom + "icon")!,
            (string)feed.Root!.Element(atom + "logo")!,
            json.RootElement.GetProperty("icon").GetString()!,
            json.RootElement.GetProperty("favicon").GetString()!,
        ];

        foreach (var icon in icons)
        {
            using var response = await Client.GetAsync(icon);
            Assert.True(response.StatusCode == HttpStatusCode.OK, icon);
            Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        }
    }
}
