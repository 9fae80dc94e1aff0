using System.IO.Compression;
using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Syndication.Worker.Importing;

namespace Syndication.Worker.Tests;

public sealed class PublishingEndToEndTests : IAsyncLifetime
{
    private const string SampleTitle = "Tăng cường sự lãnh đạo của Đảng đối với tín dụng chính sách xã hội";
    private ServiceUnderTest _service = null!;

    public async Task InitializeAsync() => _service = await ServiceUnderTest.StartAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Rss_feed_carries_the_imported_sample_with_its_local_date()
    {
        using var response = await _service.Client.GetAsync("feeds/rss.xml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/rss+xml; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var item = document.Descendants("item").Single(i => (string?)i.Element("title") == SampleTitle);
        Assert.Equal("Thu, 29 Jul 2021 17:03:00 +0700", (string?)item.Element("pubDate"));
        Assert.Equal(4, document.Descendants("item").Count());

        var feed = SyndicationFeed.Load(XmlReader.Create(new StringReader(document.ToString())));
        Assert.Contains(feed.Items, i => i.Title.Text == SampleTitle && i.PublishDate == new DateTimeOffset(2021, 7, 29, 10, 3, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task Atom_feed_carries_the_sample_with_published_and_updated_offsets()
    {
        using var response = await _service.Client.GetAsync("feeds/atom.xml");

        Assert.Equal("application/atom+xml; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var entry = document.Descendants(atom + "entry").Single(e => (string?)e.Element(atom + "title") == SampleTitle);
        Assert.Equal("2021-07-29T17:03:00+07:00", (string?)entry.Element(atom + "published"));
        Assert.Equal("Hồng Chuyên", (string?)entry.Element(atom + "author")?.Element(atom + "name"));
        var self = document.Root!.Elements(atom + "link").Single(l => (string?)l.Attribute("rel") == "self");
        Assert.Equal(new Uri(_service.Client.BaseAddress!, "feeds/atom.xml").AbsoluteUri, (string?)self.Attribute("href"));

        var feed = SyndicationFeed.Load(XmlReader.Create(new StringReader(document.ToString())));
        Assert.Equal(4, feed.Items.Count());
    }

    [Theory]
    [InlineData("feeds/rss.xml")]
    [InlineData("feeds/atom.xml")]
    [InlineData("feeds/sections/kinh-te/rss.xml")]
    public async Task Second_request_with_the_etag_gets_304_without_a_body(string path)
    {
        using var first = await _service.Client.GetAsync(path);
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(etag);
        using var second = await _service.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, second.Headers.ETag);
    }

    [Fact]
    public async Task If_modified_since_the_newest_article_gets_304_and_before_it_gets_200()
    {
        using var first = await _service.Client.GetAsync("feeds/rss.xml");
        var lastModified = first.Content.Headers.LastModified!.Value;

        using var same = new HttpRequestMessage(HttpMethod.Get, "feeds/rss.xml");
        same.Headers.IfModifiedSince = lastModified;
        using var older = new HttpRequestMessage(HttpMethod.Get, "feeds/rss.xml");
        older.Headers.IfModifiedSince = lastModified.AddSeconds(-1);

        Assert.Equal(HttpStatusCode.NotModified, (await _service.Client.SendAsync(same)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _service.Client.SendAsync(older)).StatusCode);
    }

    [Theory]
    [InlineData("gzip", "gzip")]
    [InlineData("br", "br")]
    [InlineData("gzip, br", "br")]
    [InlineData("br;q=0, gzip", "gzip")]
    public async Task Feeds_are_compressed_as_the_client_accepts(string acceptEncoding, string expected)
    {
        var plain = await _service.Client.GetByteArrayAsync("feeds/atom.xml");
        using var request = new HttpRequestMessage(HttpMethod.Get, "feeds/atom.xml");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        using var response = await _service.Client.SendAsync(request);

        Assert.Equal([expected], response.Content.Headers.ContentEncoding);
        await using var compressed = await response.Content.ReadAsStreamAsync();
        await using Stream decompressing = expected == "gzip"
            ? new GZipStream(compressed, CompressionMode.Decompress)
            : new BrotliStream(compressed, CompressionMode.Decompress);
        using var decompressed = new MemoryStream();
        await decompressing.CopyToAsync(decompressed);
        Assert.Equal(plain, decompressed.ToArray());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
    }

    [Fact]
    public async Task Head_answers_with_the_headers_of_get_and_no_body()
    {
        using var get = await _service.Client.GetAsync("feeds/rss.xml");
        using var head = await _service.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "feeds/rss.xml"));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Content.Headers.ContentLength, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Unknown_section_is_404_with_a_short_message()
    {
        using var response = await _service.Client.GetAsync("feeds/sections/khong-co/rss.xml");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("khong-co", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Section_feed_holds_only_that_sections_articles()
    {
        var document = XDocument.Parse(await _service.Client.GetStringAsync("feeds/sections/kinh-te/rss.xml"));

        var categories = document.Descendants("item").Select(i => (string?)i.Element("category")).ToList();
        Assert.Equal(2, categories.Count);
        Assert.All(categories, category => Assert.Equal("Kinh tế", category));
    }

    [Fact]
    public async Task Article_page_shows_figure_byline_and_related_teaser()
    {
        var html = await _service.Client.GetStringAsync("articles/tang-cuong-su-lanh-dao-cua-dang-doi-voi-tin-dung-chinh-sach-xa-hoi");

        Assert.Contains($"<h1>{SampleTitle}</h1>", html);
        Assert.Contains("<figcaption>Cán bộ Chi nhánh Ngân hàng CSXH huyện Lắk hỗ trợ người dân làm thủ tục vay vốn (ảnh minh họa)</figcaption>", html);
        Assert.Contains("Hồng Chuyên", html);
        Assert.Contains("(E-magazine) Kiến tạo kinh tế nông nghiệp, nông thôn", html);
        Assert.Contains("17:03, 29/07/2021", html);
    }

    [Fact]
    public async Task Index_page_offers_autodiscovery_links_for_every_feed()
    {
        var html = await _service.Client.GetStringAsync("");

        Assert.Contains($"<link rel=\"alternate\" type=\"application/rss+xml\"", html);
        Assert.Contains(new Uri(_service.Client.BaseAddress!, "feeds/atom.xml").AbsoluteUri, html);
        Assert.Contains(new Uri(_service.Client.BaseAddress!, "feeds/sections/kinh-te/rss.xml").AbsoluteUri, html);
    }

    [Fact]
    public async Task Changed_seed_reimported_while_serving_updates_the_feed_and_its_etag()
    {
        using var before = await _service.Client.GetAsync("feeds/atom.xml");
        var file = Path.Combine(_service.SeedsPath, "kinh-te", "2024-03-14-hop-tac-xa.txt");
        var text = await File.ReadAllTextAsync(file);
        await File.WriteAllTextAsync(file, text.Replace("mở rộng vùng nguyên liệu", "mở rộng vùng nguyên liệu bơ", StringComparison.Ordinal));

        var report = await _service.Services.GetRequiredService<ArticleImporter>().ImportAsync([_service.SeedsPath], null, CancellationToken.None);
        using var after = await _service.Client.GetAsync("feeds/atom.xml");

        Assert.Equal((0, 1, 3), (report.Inserted, report.Updated, report.Unchanged));
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        Assert.Contains("mở rộng vùng nguyên liệu bơ", await after.Content.ReadAsStringAsync());
        Assert.Equal(4, XDocument.Parse(await after.Content.ReadAsStringAsync()).Root!.Elements().Count(e => e.Name.LocalName == "entry"));
    }

    [Fact]
    public async Task Json_feed_is_served_with_its_media_type_and_the_articles()
    {
        using var response = await _service.Client.GetAsync("feeds/feed.json");

        Assert.Equal("application/feed+json; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("https://jsonfeed.org/version/1.1", root.GetProperty("version").GetString());
        Assert.Equal(new Uri(_service.Client.BaseAddress!, "feeds/feed.json").AbsoluteUri, root.GetProperty("feed_url").GetString());
        var sample = root.GetProperty("items").EnumerateArray().Single(item => item.GetProperty("title").GetString() == SampleTitle);
        Assert.Equal("2021-07-29T17:03:00+07:00", sample.GetProperty("date_published").GetString());
        Assert.StartsWith("urn:uuid:", sample.GetProperty("id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feeds_point_browsers_at_the_stylesheet_we_serve()
    {
        var rss = await _service.Client.GetStringAsync("feeds/rss.xml");
        using var stylesheet = await _service.Client.GetAsync("feeds/style.xsl");

        var href = new Uri(_service.Client.BaseAddress!, "feeds/style.xsl").AbsoluteUri;
        Assert.Contains($"<?xml-stylesheet type=\"text/xsl\" href=\"{href}\"?>", rss);
        Assert.Equal("text/xsl; charset=utf-8", stylesheet.Content.Headers.ContentType!.ToString());
        Assert.Contains("xsl:stylesheet", await stylesheet.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Feeds_opml_lists_every_feed_we_publish()
    {
        var opml = XDocument.Parse(await _service.Client.GetStringAsync("feeds.opml"));

        var urls = opml.Descendants("outline").Select(o => (string?)o.Attribute("xmlUrl")).OfType<string>().ToList();
        Assert.Contains(new Uri(_service.Client.BaseAddress!, "feeds/rss.xml").AbsoluteUri, urls);
        Assert.Contains(new Uri(_service.Client.BaseAddress!, "feeds/authors/hong-chuyen/rss.xml").AbsoluteUri, urls);
        Assert.Contains(new Uri(_service.Client.BaseAddress!, "feeds/tags/dak-lak/rss.xml").AbsoluteUri, urls);
        Assert.Contains(new Uri(_service.Client.BaseAddress!, "feeds/sections/kinh-te/rss.xml").AbsoluteUri, urls);
    }

    [Fact]
    public async Task Restart_and_reimport_add_no_duplicates_and_keep_feeds_byte_identical()
    {
        string[] fixedBase = ["--Syndication:PublicBaseUrl", "http://bao.example.test/"];
        var root = ServiceUnderTest.NewRoot();
        byte[] rssBefore;
        await using (var first = await ServiceUnderTest.StartAsync(root, fixedBase))
        {
            rssBefore = await first.Client.GetByteArrayAsync("feeds/rss.xml");
            await first.StopAsync();
            await using var restarted = await ServiceUnderTest.StartAsync(root, fixedBase);
            var report = await restarted.Services.GetRequiredService<ArticleImporter>().ImportAsync([restarted.SeedsPath], null, CancellationToken.None);
            var rssAfter = await restarted.Client.GetByteArrayAsync("feeds/rss.xml");

            Assert.Equal((0, 0, 4), (report.Inserted, report.Updated, report.Unchanged));
            Assert.Equal(rssBefore, rssAfter);
            Assert.Equal(4, XDocument.Parse(System.Text.Encoding.UTF8.GetString(rssAfter)).Descendants("item").Count());
        }
        ServiceUnderTest.DeleteRoot(root);
    }
}
