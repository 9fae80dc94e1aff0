using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Syndication.Storage.Articles;

namespace Syndication.Worker.Tests.Publishing;

/// <summary>
/// The sitemaps of the real service, whose clock the test moves: every one it serves is valid against the sitemap and
/// Google News schemas (testdata/sitemaps), together they list exactly the public articles, the news sitemap only the
/// last 48 hours, and they are served as the feeds are (tags, 304, gzip) and change when an embargo ends.
/// </summary>
public sealed class SitemapTests : IAsyncLifetime
{
    private const string SiteName = "Báo Thử & Nghiệm";
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    private readonly string _root = ServiceUnderTest.NewRoot();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private ServiceUnderTest _service = null!;
    private string _adminKey = null!;
    private DateTimeOffset _now;

    public async Task InitializeAsync()
    {
        _service = await ServiceUnderTest.StartAsync(_root, builder => builder.Services.AddSingleton<TimeProvider>(_clock),
        [
            "--Syndication:PublicBaseUrl", PublishedFeeds.BaseUrl,
            "--Syndication:SiteName", SiteName,
        ]);
        _adminKey = await _service.AddPartnerAsync("CMS tòa soạn", ["admin"]);
        _now = _clock.GetUtcNow();
        await PutAsync("tin-vua-dang", "Tin vừa đăng <b>hai giờ</b> trước", _now.AddHours(-2));
        await PutAsync("tin-hom-qua", "Tin hôm qua", _now.AddHours(-30));
        await PutAsync("tin-ba-ngay", "Tin ba ngày trước", _now.AddDays(-3));
        await PutAsync("tin-hen-gio", "Tin hẹn giờ", _now.AddHours(1));
        await PutAsync("tin-bi-go", "Tin bị gỡ", _now.AddHours(-5));
        using var delete = await SendAsync(HttpMethod.Delete, "api/articles/tin-bi-go");
        Assert.True(delete.IsSuccessStatusCode, $"DELETE: {delete.StatusCode}");
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        ServiceUnderTest.DeleteRoot(_root);
    }

    [Fact]
    public async Task Every_sitemap_is_valid_and_together_they_list_exactly_the_public_articles()
    {
        var index = await ValidAsync("sitemap.xml", "siteindex.xsd");
        var sitemaps = index.Root!.Elements(Sitemap + "sitemap").ToList();
        Assert.All(sitemaps, sitemap => Assert.NotNull(sitemap.Element(Sitemap + "lastmod")));
        var locations = sitemaps.Select(sitemap => (string)sitemap.Element(Sitemap + "loc")!).ToList();
        Assert.Contains(PublishedFeeds.BaseUrl + "sitemaps/news.xml", locations);

        var listed = new List<string>();
        foreach (var location in locations.Where(location => !location.EndsWith("news.xml", StringComparison.Ordinal)))
        {
            var month = await ValidAsync(location[PublishedFeeds.BaseUrl.Length..], "sitemap.xsd", "sitemap-news.xsd");
            var urls = month.Root!.Elements(Sitemap + "url").ToList();
            Assert.NotEmpty(urls);
            Assert.All(urls, url => Assert.NotNull(url.Element(Sitemap + "lastmod")));
            listed.AddRange(urls.Select(url => (string)url.Element(Sitemap + "loc")!));
        }

        var store = _service.Services.GetRequiredService<ArticleStore>();
        var expected = (await store.GetLatestAsync(1000, ArticleFacet.Site, CancellationToken.None, bodies: false))
            .Select(article => PublishedFeeds.BaseUrl + "articles/" + article.Slug);
        Assert.Equal(expected.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.Contains(PublishedFeeds.BaseUrl + "articles/tin-ba-ngay", listed);
        Assert.Contains(PublishedFeeds.BaseUrl + "articles/gia-ca-phe-tang-manh-dau-vu", listed);
        Assert.DoesNotContain(PublishedFeeds.BaseUrl + "articles/tin-hen-gio", listed);
        Assert.DoesNotContain(PublishedFeeds.BaseUrl + "articles/tin-bi-go", listed);
        // One sitemap per month that has public articles, and no other.
        Assert.Equal(listed.Count, listed.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task The_news_sitemap_lists_the_public_articles_of_the_last_48_hours_with_publication_date_and_title()
    {
        var news = await ValidAsync("sitemaps/news.xml", "sitemap.xsd", "sitemap-news.xsd");

        var urls = news.Root!.Elements(Sitemap + "url").ToDictionary(url => (string)url.Element(Sitemap + "loc")!, url => url);
        Assert.Equal([PublishedFeeds.BaseUrl + "articles/tin-hom-qua", PublishedFeeds.BaseUrl + "articles/tin-vua-dang"], urls.Keys.Order(StringComparer.Ordinal));
        var recent = urls[PublishedFeeds.BaseUrl + "articles/tin-vua-dang"].Element(News + "news")!;
        Assert.Equal(SiteName, (string?)recent.Element(News + "publication")!.Element(News + "name"));
        Assert.Equal("vi", (string?)recent.Element(News + "publication")!.Element(News + "language"));
        Assert.Equal("Tin vừa đăng <b>hai giờ</b> trước", (string?)recent.Element(News + "title"));
        var published = (string)recent.Element(News + "publication_date")!;
        Assert.EndsWith("+07:00", published, StringComparison.Ordinal);
        Assert.Equal(_now.AddHours(-2), DateTimeOffset.Parse(published, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Sitemaps_answer_conditional_requests_with_304_and_come_gzipped()
    {
        foreach (var path in new[] { "sitemap.xml", "sitemaps/news.xml", $"sitemaps/{_now.AddDays(-3).ToOffset(Vietnam):yyyy-MM}.xml" })
        {
            using var first = await _service.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal("application/xml", first.Content.Headers.ContentType!.MediaType);
            var tag = first.Headers.ETag!;
            var lastModified = first.Content.Headers.LastModified!.Value;
            var body = await first.Content.ReadAsByteArrayAsync();

            using var byTag = new HttpRequestMessage(HttpMethod.Get, path);
            byTag.Headers.IfNoneMatch.Add(tag);
            using var notModified = await _service.Client.SendAsync(byTag);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

            using var byDate = new HttpRequestMessage(HttpMethod.Get, path);
            byDate.Headers.IfModifiedSince = lastModified;
            using var notModifiedSince = await _service.Client.SendAsync(byDate);
            Assert.Equal(HttpStatusCode.NotModified, notModifiedSince.StatusCode);

            using var zipped = new HttpRequestMessage(HttpMethod.Get, path);
            zipped.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            using var compressed = await _service.Client.SendAsync(zipped);
            Assert.Equal("gzip", Assert.Single(compressed.Content.Headers.ContentEncoding));
            await using var gzip = new GZipStream(await compressed.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
            using var unzipped = new MemoryStream();
            await gzip.CopyToAsync(unzipped);
            Assert.Equal(body, unzipped.ToArray());
        }
        using var unknown = await _service.Client.GetAsync("sitemaps/1999-01.xml");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task An_embargo_ending_and_an_article_growing_old_change_the_sitemaps_and_their_tags()
    {
        using var before = await _service.Client.GetAsync("sitemaps/news.xml");
        var indexTag = (await _service.Client.GetAsync("sitemap.xml")).Headers.ETag!;

        _clock.Advance(TimeSpan.FromHours(1));

        await Eventually.TrueAsync(async () => (await _service.Client.GetStringAsync("sitemaps/news.xml")).Contains("articles/tin-hen-gio", StringComparison.Ordinal),
            "the news sitemap lists the article whose embargo ended");
        var month = $"sitemaps/{_now.AddHours(1).ToOffset(Vietnam):yyyy-MM}.xml";
        Assert.Contains("articles/tin-hen-gio", await _service.Client.GetStringAsync(month), StringComparison.Ordinal);
        using var byTag = new HttpRequestMessage(HttpMethod.Get, "sitemap.xml");
        byTag.Headers.IfNoneMatch.Add(indexTag);
        using var changed = await _service.Client.SendAsync(byTag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        // 49 hours after "yesterday's" article: it leaves the news sitemap, whose Last-Modified moves on so that a
        // conditional GET by date fetches it again.
        using var released = await _service.Client.GetAsync("sitemaps/news.xml");
        _clock.Advance(TimeSpan.FromHours(18));
        using var byDate = new HttpRequestMessage(HttpMethod.Get, "sitemaps/news.xml");
        byDate.Headers.IfModifiedSince = released.Content.Headers.LastModified;
        using var aged = await _service.Client.SendAsync(byDate);
        Assert.Equal(HttpStatusCode.OK, aged.StatusCode);
        var body = await aged.Content.ReadAsStringAsync();
        Assert.DoesNotContain("articles/tin-hom-qua", body, StringComparison.Ordinal);
        Assert.Contains("articles/tin-vua-dang", body, StringComparison.Ordinal);
        Assert.NotEqual(before.Headers.ETag, aged.Headers.ETag);
    }

    [Fact]
    public async Task Robots_txt_names_the_sitemap_index()
    {
        using var robots = await _service.Client.GetAsync("robots.txt");
        Assert.Equal(HttpStatusCode.OK, robots.StatusCode);
        Assert.Contains($"Sitemap: {PublishedFeeds.BaseUrl}sitemap.xml", await robots.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Fetches a sitemap and validates it against the named schemas, failing with each problem and its line.</summary>
    private async Task<XDocument> ValidAsync(string path, params string[] schemas)
    {
        using var response = await _service.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var set = new XmlSchemaSet();
        foreach (var schema in schemas)
        {
            set.Add(null, Path.Combine(AppContext.BaseDirectory, "testdata", "sitemaps", schema));
        }
        var problems = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = set };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => problems.Add($"{path}:{e.Exception.LineNumber}: {e.Severity} {e.Message}");
        using (var reader = XmlReader.Create(new MemoryStream(bytes), settings))
        {
            while (reader.Read())
            {
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        return XDocument.Parse(Encoding.UTF8.GetString(bytes));
    }

    private async Task PutAsync(string slug, string title, DateTimeOffset published)
    {
        var json = $$"""
            {"title": {{System.Text.Json.JsonSerializer.Serialize(title)}}, "published": "{{published.ToOffset(Vietnam).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)}}",
             "lead": "Tóm tắt.", "body": "<p>Nội dung.</p>", "authors": ["Phóng viên"], "section": "Xã hội"}
            """;
        using var response = await SendAsync(HttpMethod.Put, $"api/articles/{slug}", json);
        Assert.True(response.IsSuccessStatusCode, $"PUT {slug}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null) =>
        _service.SendAsync(method, path, _adminKey, json);
}
