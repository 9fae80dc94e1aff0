using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Syndication.Core.Articles;
using Syndication.Core.Ingestion;
using Syndication.Core.Publishing;
using Syndication.Core.Publishing.Rendering;

namespace Syndication.Core.Tests.Publishing.Rendering;

public sealed class JsonFeedRendererTests
{
    private static readonly XNamespace Atom = FeedRenderer.AtomNamespace;

    private readonly FeedRenderer _renderer = new(RenderingSamples.Site);

    private static FeedDocument Document(FeedFormat format, params Article[] articles) =>
        new("Báo Đắk Lắk", "Tin bài của báo", "feeds/" + format.FileName(), "", articles) { FullText = true };

    private JsonElement RenderJson(params Article[] articles) =>
        JsonFeedAssert.Valid(_renderer.Render(Document(FeedFormat.JsonFeed, articles), FeedFormat.JsonFeed));

    private XElement AtomEntry(Article article)
    {
        var bytes = _renderer.Render(Document(FeedFormat.Atom, article), FeedFormat.Atom);
        using var stream = new MemoryStream(bytes);
        return XDocument.Load(stream).Root!.Element(Atom + "entry")!;
    }

    private static string? Text(JsonElement owner, string key) => owner.TryGetProperty(key, out var value) ? value.GetString() : null;

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(value => value.GetString()!)];

    [Fact]
    public void Json_feed_has_the_required_fields_of_version_1_1()
    {
        var feed = RenderJson(RenderingSamples.SampleArticle(), RenderingSamples.OlderArticle());

        Assert.Equal(JsonFeedAssert.Version11, Text(feed, "version"));
        Assert.Equal("Báo Đắk Lắk", Text(feed, "title"));
        Assert.Equal(2, feed.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public void Json_feed_of_no_articles_is_valid_with_an_empty_item_list()
    {
        var feed = RenderJson();

        Assert.Equal(0, feed.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public void Json_feed_names_its_home_page_address_language_and_the_newspaper_as_author()
    {
        var feed = RenderJson(RenderingSamples.SampleArticle());

        Assert.Equal("http://example.test/", Text(feed, "home_page_url"));
        Assert.Equal("http://example.test/feeds/feed.json", Text(feed, "feed_url"));
        Assert.Equal("Tin bài của báo", Text(feed, "description"));
        Assert.Equal("vi", Text(feed, "language"));
        var author = Assert.Single(feed.GetProperty("authors").EnumerateArray());
        Assert.Equal("Báo Đắk Lắk", Text(author, "name"));
        Assert.Equal("http://example.test/", Text(author, "url"));
        Assert.False(feed.TryGetProperty("next_url", out _));
        Assert.False(feed.TryGetProperty("hubs", out _));
    }

    [Fact]
    public void Json_item_carries_the_same_id_text_and_dates_as_the_atom_entry()
    {
        var article = RenderingSamples.SampleArticle();
        var entry = AtomEntry(article);

        var item = RenderJson(article).GetProperty("items")[0];

        Assert.Equal((string?)entry.Element(Atom + "id"), Text(item, "id"));
        Assert.Equal("urn:uuid:" + article.StableId.ToString("D"), Text(item, "id"));
        Assert.Equal("http://example.test/articles/tang-cuong-su-lanh-dao", Text(item, "url"));
        Assert.Equal(article.Title, Text(item, "title"));
        Assert.Equal(article.Lead, Text(item, "summary"));
        Assert.Equal((string?)entry.Element(Atom + "content"), Text(item, "content_html"));
        Assert.Contains("<figure><figcaption>Cán bộ hỗ trợ người dân</figcaption></figure>", Text(item, "content_html"), StringComparison.Ordinal);
        Assert.Equal("2021-07-29T17:03:00+07:00", Text(item, "date_published"));
        Assert.Equal((string?)entry.Element(Atom + "published"), Text(item, "date_published"));
        Assert.Equal((string?)entry.Element(Atom + "updated"), Text(item, "date_modified"));
        Assert.Equal(["Hồng Chuyên", "Minh Thuận"], item.GetProperty("authors").EnumerateArray().Select(author => Text(author, "name")));
        Assert.Equal(["Chính trị", "tín dụng", "CSXH"], Strings(item.GetProperty("tags")));
    }

    [Fact]
    public void Json_dates_match_atom_also_in_utc_and_with_fractions_of_a_second()
    {
        var utcSite = RenderingSamples.Site with { TimeZone = TimeZoneInfo.Utc };
        var article = RenderingSamples.SampleArticle() with { Updated = new DateTimeOffset(2021, 7, 30, 1, 30, 0, TimeSpan.Zero).AddTicks(12_345_678) };
        var renderer = new FeedRenderer(utcSite);

        var item = JsonFeedAssert.Valid(renderer.Render(Document(FeedFormat.JsonFeed, article), FeedFormat.JsonFeed)).GetProperty("items")[0];
        using var atom = new MemoryStream(renderer.Render(Document(FeedFormat.Atom, article), FeedFormat.Atom));
        var entry = XDocument.Load(atom).Root!.Element(Atom + "entry")!;

        Assert.Equal((string?)entry.Element(Atom + "published"), Text(item, "date_published"));
        Assert.Equal((string?)entry.Element(Atom + "updated"), Text(item, "date_modified"));
        Assert.Equal("2021-07-30T01:30:01Z", Text(item, "date_modified"));
    }

    [Fact]
    public void Json_item_without_lead_or_byline_leaves_summary_and_authors_out()
    {
        var item = RenderJson(RenderingSamples.OlderArticle()).GetProperty("items")[0];

        Assert.False(item.TryGetProperty("summary", out _));
        Assert.False(item.TryGetProperty("authors", out _));
        Assert.Equal(RenderingSamples.OlderArticle().BodyHtml, Text(item, "content_html"));
    }

    [Fact]
    public void Json_feed_is_utf8_without_a_byte_order_mark_and_keeps_vietnamese_and_html_readable()
    {
        var bytes = _renderer.Render(Document(FeedFormat.JsonFeed, RenderingSamples.SampleArticle()), FeedFormat.JsonFeed);

        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "no byte order mark");
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("\"title\": \"Tăng cường sự lãnh đạo của Đảng", text, StringComparison.Ordinal);
        Assert.Contains("<p><strong>Ban Thường vụ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
        Assert.Contains("\n  \"items\": [\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_feed_escapes_line_and_paragraph_separators_so_it_is_also_safe_javascript()
    {
        var article = RenderingSamples.SampleArticle() with { Title = "Dòng một\u2028dòng hai\u2029hết" };

        var bytes = _renderer.Render(Document(FeedFormat.JsonFeed, article), FeedFormat.JsonFeed);

        var text = Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain('\u2028', text);
        Assert.DoesNotContain('\u2029', text);
        Assert.Contains("Dòng một\\u2028dòng hai\\u2029hết", text, StringComparison.Ordinal);
        Assert.Equal(article.Title, Text(JsonFeedAssert.Valid(bytes).GetProperty("items")[0], "title"));
    }

    [Fact]
    public void Characters_xml_forbids_and_lone_surrogates_are_removed_as_in_the_xml_feeds()
    {
        var dirty = RenderingSamples.SampleArticle() with
        {
            Title = "Tiêu\u0001 đề\uFFFE\uD800",
            Lead = "Đoạn\u000B mở đầu",
            BodyHtml = "<p>Đoạn\u0001 một\uDC00.</p>",
            Authors = ["Hồng\u0008 Chuyên"],
            Tags = ["tín\u0002 dụng"],
        };

        var item = RenderJson(dirty).GetProperty("items")[0];

        Assert.Equal("Tiêu đề", Text(item, "title"));
        Assert.Equal("Đoạn mở đầu", Text(item, "summary"));
        Assert.EndsWith("<p>Đoạn một.</p>", Text(item, "content_html"), StringComparison.Ordinal);
        Assert.Equal("Hồng Chuyên", Text(item.GetProperty("authors")[0], "name"));
        Assert.Equal(["Chính trị", "tín dụng"], Strings(item.GetProperty("tags")));
    }

    [Fact]
    public void Rendering_json_twice_or_in_another_culture_gives_the_same_bytes()
    {
        var document = Document(FeedFormat.JsonFeed, RenderingSamples.IllustratedArticle(), RenderingSamples.OlderArticle());
        var first = _renderer.Render(document, FeedFormat.JsonFeed);
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        byte[] second;
        try
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (CultureInfo.GetCultureInfo("ar-SA"), CultureInfo.GetCultureInfo("ar-SA"));
            second = new FeedRenderer(RenderingSamples.Site).Render(document, FeedFormat.JsonFeed);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (previous, previousUi);
        }

        Assert.Equal(first, second);
    }

    [Fact]
    public void Editing_an_article_changes_the_json_bytes()
    {
        var before = _renderer.Render(Document(FeedFormat.JsonFeed, RenderingSamples.SampleArticle()), FeedFormat.JsonFeed);
        var edited = RenderingSamples.SampleArticle() with { Updated = RenderingSamples.SampleArticle().Updated.AddMinutes(5) };

        var after = _renderer.Render(Document(FeedFormat.JsonFeed, edited), FeedFormat.JsonFeed);

        Assert.NotEqual(before, after);
    }

    [Fact]
    public void Next_page_and_websub_hub_links_map_to_next_url_and_hubs_and_archive_links_are_left_out()
    {
        var document = Document(FeedFormat.JsonFeed, RenderingSamples.SampleArticle()) with
        {
            Links =
            [
                new FeedLink("first", "feeds/feed.json?page=1"),
                new FeedLink("next", "feeds/feed.json?page=2", "application/feed+json"),
                new FeedLink("prev-archive", "feeds/archive/2021-06.atom", "application/atom+xml"),
                new FeedLink("hub", "https://hub.example.test/"),
            ],
        };

        var feed = JsonFeedAssert.Valid(_renderer.Render(document, FeedFormat.JsonFeed));

        Assert.Equal("http://example.test/feeds/feed.json?page=2", Text(feed, "next_url"));
        var hub = Assert.Single(feed.GetProperty("hubs").EnumerateArray());
        Assert.Equal("WebSub", Text(hub, "type"));
        Assert.Equal("https://hub.example.test/", Text(hub, "url"));
        Assert.DoesNotContain("archive", Encoding.UTF8.GetString(_renderer.Render(document, FeedFormat.JsonFeed)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_path_with_a_leading_slash_stays_on_the_site()
    {
        var document = Document(FeedFormat.JsonFeed) with { Links = [new FeedLink("next", "/feeds/feed.json?page=2")] };

        var feed = JsonFeedAssert.Valid(_renderer.Render(document, FeedFormat.JsonFeed));

        Assert.Equal("http://example.test/feeds/feed.json?page=2", Text(feed, "next_url"));
    }

    [Fact]
    public void Images_with_a_url_give_the_item_image_and_attachments_of_known_type()
    {
        var article = RenderingSamples.IllustratedArticle() with
        {
            Images = [new ArticleImage(null, "Chỉ có chú thích"), .. RenderingSamples.IllustratedArticle().Images,
                      new ArticleImage("https://img.example.test/khong-ro-kieu.webp", "Không rõ kiểu")],
        };

        var item = RenderJson(article).GetProperty("items")[0];

        Assert.Equal("https://img.example.test/2021/07/lanh-dao.jpg", Text(item, "image"));
        var attachments = item.GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal(["https://img.example.test/2021/07/lanh-dao.jpg", "https://img.example.test/2021/07/nguoi-dan.png"],
            attachments.Select(attachment => Text(attachment, "url")));
        Assert.Equal(["image/jpeg", "image/png"], attachments.Select(attachment => Text(attachment, "mime_type")));
        Assert.Equal(48213, attachments[0].GetProperty("size_in_bytes").GetInt64());
        Assert.False(attachments[1].TryGetProperty("size_in_bytes", out _));
    }

    [Fact]
    public void Images_known_only_by_caption_give_no_image_and_no_attachments()
    {
        var article = RenderingSamples.SampleArticle() with { Images = [new ArticleImage(null, "Cán bộ hỗ trợ người dân")] };

        var withCaptionOnly = _renderer.Render(Document(FeedFormat.JsonFeed, article), FeedFormat.JsonFeed);
        var withoutImages = _renderer.Render(Document(FeedFormat.JsonFeed, RenderingSamples.SampleArticle()), FeedFormat.JsonFeed);

        Assert.Equal(withoutImages, withCaptionOnly);
    }

    [Fact]
    public void Related_json_item_keeps_the_publishers_id_and_names_its_source_in_an_extension()
    {
        var entry = RenderingSamples.RelatedEntry();
        var document = new RelatedFeedDocument("Tin liên quan", "Tin từ các báo khác", "feeds/related/feed.json", "", [entry]);

        var feed = JsonFeedAssert.Valid(_renderer.Render(document, FeedFormat.JsonFeed));

        var item = Assert.Single(feed.GetProperty("items").EnumerateArray());
        Assert.Equal(entry.OriginalId, Text(item, "id"));
        Assert.Equal(entry.Link, Text(item, "url"));
        Assert.Equal("Giá cà phê tăng mạnh", Text(item, "title"));
        Assert.Equal("Giá cà phê Tây Nguyên hôm nay tăng 2.000 đồng/kg.", Text(item, "summary"));
        Assert.Equal(entry.ContentHtml, Text(item, "content_html"));
        Assert.Equal("2024-10-02T07:15:00+07:00", Text(item, "date_published"));
        Assert.Equal("Quang Yên", Text(item.GetProperty("authors")[0], "name"));
        Assert.Equal(["Cà phê"], Strings(item.GetProperty("tags")));
        Assert.Equal("https://nongnghiep.example.test/anh/ca-phe.jpg", Text(item, "image"));
        Assert.Equal("image/jpeg", Text(item.GetProperty("attachments")[0], "mime_type"));
        var source = item.GetProperty("_source");
        Assert.Equal("Báo Nông nghiệp", Text(source, "title"));
        Assert.Equal(entry.SourceUrl, Text(source, "url"));
        Assert.Equal(entry.SourceSiteUrl, Text(source, "home_page_url"));
    }

    [Fact]
    public void Related_json_item_without_any_content_still_has_content_text()
    {
        var entry = RenderingSamples.RelatedEntry() with
        {
            OriginalId = "not a uri", SummaryHtml = null, ContentHtml = null, Enclosures = [new Enclosure("/relative.jpg", "image/jpeg", 1)],
        };
        var document = new RelatedFeedDocument("Tin liên quan", "Tin từ các báo khác", "feeds/related/feed.json", "", [entry]);

        var item = JsonFeedAssert.Valid(_renderer.Render(document, FeedFormat.JsonFeed)).GetProperty("items")[0];

        Assert.Equal(entry.Link, Text(item, "id"));
        Assert.Equal("Giá cà phê tăng mạnh", Text(item, "content_text"));
        Assert.False(item.TryGetProperty("content_html", out _));
        Assert.False(item.TryGetProperty("image", out _));
        Assert.False(item.TryGetProperty("attachments", out _));
    }

    [Theory]
    [InlineData("""{"title": "t", "items": []}""", "version")]
    [InlineData("""{"version": "https://jsonfeed.org/version/1.1", "items": []}""", "title")]
    [InlineData("""{"version": "https://jsonfeed.org/version/1.1", "title": "t"}""", "items")]
    [InlineData("""{"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [{"content_text": "x"}]}""", "id")]
    [InlineData("""{"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [{"id": "1"}]}""", "content_html or content_text")]
    [InlineData("""{"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [{"id": "1", "content_text": "x", "date_published": "29/07/2021"}]}""", "RFC 3339")]
    [InlineData("""{"version": "https://jsonfeed.org/version/1.1", "title": "t", "source": {}, "items": []}""", "extension")]
    [InlineData("""{"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": [{"id": "1", "content_text": "x", "attachments": [{"url": "https://a.test/x"}]}]}""", "mime_type")]
    public void The_json_feed_check_itself_rejects_what_version_1_1_forbids(string json, string expected)
    {
        using var document = JsonDocument.Parse(json);

        var problems = JsonFeedAssert.Problems(document.RootElement);

        Assert.Contains(problems, problem => problem.Contains(expected, StringComparison.Ordinal));
    }
}
