using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Syndication.Core.Articles;
using Syndication.Core.Publishing;
using Syndication.Core.Publishing.Rendering;
using Syndication.Core.Text;

namespace Syndication.Core.Tests.Publishing.Rendering;

public sealed class FeedRendererTests
{
    private static readonly XNamespace Atom = FeedRenderer.AtomNamespace;
    private static readonly XNamespace Content = FeedRenderer.ContentNamespace;
    private static readonly XNamespace DublinCore = FeedRenderer.DublinCoreNamespace;

    private static readonly Site Site = RenderingSamples.Site;

    private readonly FeedRenderer _renderer = new(Site);

    private static Article SampleArticle() => RenderingSamples.SampleArticle();

    private static Article OlderArticle() => RenderingSamples.OlderArticle();

    private static FeedDocument Document(FeedFormat format, params Article[] articles) =>
        new("Báo Đắk Lắk", "Tin bài của báo", format == FeedFormat.Rss ? "feeds/rss.xml" : "feeds/atom.xml", "", articles) { FullText = true };

    private XDocument RenderXml(FeedFormat format, params Article[] articles) =>
        Parse(_renderer.Render(Document(format, articles), format));

    private static XDocument Parse(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { CheckCharacters = true, DtdProcessing = DtdProcessing.Prohibit });
        return XDocument.Load(reader);
    }

    private static SyndicationFeed LoadWithSyndicationLibrary(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var reader = XmlReader.Create(stream);
        return SyndicationFeed.Load(reader);
    }

    [Fact]
    public void Rss_is_version_2_in_vietnamese_with_a_self_link()
    {
        var channel = RenderXml(FeedFormat.Rss, SampleArticle()).Root!;

        Assert.Equal("rss", channel.Name.LocalName);
        Assert.Equal("2.0", (string?)channel.Attribute("version"));
        var rssChannel = channel.Element("channel")!;
        Assert.Equal("vi", (string?)rssChannel.Element("language"));
        Assert.Equal("Báo Đắk Lắk", (string?)rssChannel.Element("title"));
        Assert.Equal("http://example.test/", (string?)rssChannel.Element("link"));
        var self = Assert.Single(rssChannel.Elements(Atom + "link"), link => (string?)link.Attribute("rel") == "self");
        Assert.Equal("http://example.test/feeds/rss.xml", (string?)self.Attribute("href"));
        Assert.Equal("application/rss+xml", (string?)self.Attribute("type"));
    }

    [Fact]
    public void Rss_item_guid_is_the_stable_urn_and_not_a_permalink()
    {
        var article = SampleArticle();
        var item = RenderXml(FeedFormat.Rss, article).Root!.Element("channel")!.Element("item")!;

        var guid = item.Element("guid")!;
        Assert.Equal("urn:uuid:" + article.StableId.ToString("D"), guid.Value);
        Assert.Equal("false", (string?)guid.Attribute("isPermaLink"));
        Assert.Equal("http://example.test/articles/tang-cuong-su-lanh-dao", (string?)item.Element("link"));
    }

    [Fact]
    public void Rss_dates_are_rfc_822_in_the_archive_offset()
    {
        var channel = RenderXml(FeedFormat.Rss, SampleArticle(), OlderArticle()).Root!.Element("channel")!;

        var pubDates = channel.Elements("item").Select(item => (string?)item.Element("pubDate"));
        Assert.Equal(["Thu, 29 Jul 2021 17:03:00 +0700", "Tue, 20 Jul 2021 09:00:00 +0700"], pubDates);
        Assert.Equal("Fri, 30 Jul 2021 08:30:00 +0700", (string?)channel.Element("lastBuildDate"));
    }

    [Fact]
    public void Rss_last_build_date_is_the_newest_update_even_when_that_article_is_not_first()
    {
        var older = OlderArticle() with { Updated = new DateTimeOffset(2021, 8, 2, 3, 4, 5, TimeSpan.Zero) };

        var channel = RenderXml(FeedFormat.Rss, SampleArticle(), older).Root!.Element("channel")!;

        Assert.Equal("Mon, 02 Aug 2021 10:04:05 +0700", (string?)channel.Element("lastBuildDate"));
    }

    [Fact]
    public void Rss_item_carries_full_content_lead_authors_and_categories()
    {
        var article = SampleArticle();
        var item = RenderXml(FeedFormat.Rss, article).Root!.Element("channel")!.Element("item")!;

        Assert.Equal(article.Title, (string?)item.Element("title"));
        Assert.Equal(article.Lead, (string?)item.Element("description"));
        var encoded = (string?)item.Element(Content + "encoded");
        Assert.NotNull(encoded);
        Assert.Contains(article.BodyHtml, encoded, StringComparison.Ordinal);
        Assert.Contains(article.Lead!, encoded, StringComparison.Ordinal);
        Assert.Equal(["Hồng Chuyên", "Minh Thuận"], item.Elements(DublinCore + "creator").Select(creator => creator.Value));
        Assert.Equal(["Chính trị", "tín dụng", "CSXH"], item.Elements("category").Select(category => category.Value));
        Assert.Equal("http://example.test/sections/chinh-tri", (string?)item.Elements("category").First().Attribute("domain"));
    }

    [Fact]
    public void Rss_item_without_lead_takes_its_description_from_the_body_and_without_byline_has_no_creator()
    {
        var item = RenderXml(FeedFormat.Rss, OlderArticle()).Root!.Element("channel")!.Element("item")!;

        var description = (string?)item.Element("description");
        Assert.NotNull(description);
        Assert.DoesNotContain("<", description);
        Assert.StartsWith(Syndication.Core.Ingestion.Normalising.PlainText.FromMarkup(OlderArticle().BodyHtml)![..10], description);
        Assert.Empty(item.Elements(DublinCore + "creator"));
        Assert.Equal(OlderArticle().BodyHtml, (string?)item.Element(Content + "encoded"));
    }

    [Fact]
    public void Atom_feed_is_in_vietnamese_with_a_self_link_and_the_newest_update()
    {
        var feed = RenderXml(FeedFormat.Atom, SampleArticle(), OlderArticle()).Root!;

        Assert.Equal(Atom + "feed", feed.Name);
        Assert.Equal("vi", (string?)feed.Attribute(XNamespace.Xml + "lang"));
        var self = Assert.Single(feed.Elements(Atom + "link"), link => (string?)link.Attribute("rel") == "self");
        Assert.Equal("http://example.test/feeds/atom.xml", (string?)self.Attribute("href"));
        Assert.Equal("application/atom+xml", (string?)self.Attribute("type"));
        Assert.Equal("2021-07-30T08:30:00+07:00", (string?)feed.Element(Atom + "updated"));
        Assert.StartsWith("urn:uuid:", (string?)feed.Element(Atom + "id"), StringComparison.Ordinal);
        Assert.Equal("Báo Đắk Lắk", (string?)feed.Element(Atom + "author")?.Element(Atom + "name"));
    }

    [Fact]
    public void Atom_entry_carries_id_dates_authors_summary_content_and_link()
    {
        var article = SampleArticle();
        var entry = RenderXml(FeedFormat.Atom, article).Root!.Element(Atom + "entry")!;

        Assert.Equal("urn:uuid:" + article.StableId.ToString("D"), (string?)entry.Element(Atom + "id"));
        Assert.Equal(article.Title, (string?)entry.Element(Atom + "title"));
        Assert.Equal("2021-07-29T17:03:00+07:00", (string?)entry.Element(Atom + "published"));
        Assert.Equal("2021-07-30T08:30:00+07:00", (string?)entry.Element(Atom + "updated"));
        Assert.Equal(["Hồng Chuyên", "Minh Thuận"], entry.Elements(Atom + "author").Select(author => (string?)author.Element(Atom + "name")));
        Assert.Equal(article.Lead, (string?)entry.Element(Atom + "summary"));
        var content = entry.Element(Atom + "content")!;
        Assert.Equal("html", (string?)content.Attribute("type"));
        Assert.Contains(article.BodyHtml, content.Value, StringComparison.Ordinal);
        Assert.Contains(article.Lead!, content.Value, StringComparison.Ordinal);
        var alternate = Assert.Single(entry.Elements(Atom + "link"), link => (string?)link.Attribute("rel") == "alternate");
        Assert.Equal("http://example.test/articles/tang-cuong-su-lanh-dao", (string?)alternate.Attribute("href"));
        Assert.Equal(["Chính trị", "tín dụng", "CSXH"], entry.Elements(Atom + "category").Select(category => (string?)category.Attribute("term")));
    }

    [Theory]
    [InlineData(FeedFormat.Rss)]
    [InlineData(FeedFormat.Atom)]
    public void Output_is_utf8_without_a_byte_order_mark_and_keeps_vietnamese_as_text(FeedFormat format)
    {
        var bytes = _renderer.Render(Document(format, SampleArticle()), format);

        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "no byte order mark");
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("Tăng cường sự lãnh đạo của Đảng", text, StringComparison.Ordinal);
        Assert.DoesNotContain("&#", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FeedFormat.Rss)]
    [InlineData(FeedFormat.Atom)]
    public void Output_reads_back_with_the_syndication_library(FeedFormat format)
    {
        var bytes = _renderer.Render(Document(format, SampleArticle(), OlderArticle()), format);

        var feed = LoadWithSyndicationLibrary(bytes);

        Assert.Equal("Báo Đắk Lắk", feed.Title.Text);
        Assert.Equal([SampleArticle().Title, OlderArticle().Title], feed.Items.Select(item => item.Title.Text));
        Assert.Equal([StableIds.Urn(SampleArticle().StableId), StableIds.Urn(OlderArticle().StableId)], feed.Items.Select(item => item.Id));
        Assert.Equal(SampleArticle().Published, feed.Items.First().PublishDate);
    }

    [Theory]
    [InlineData(FeedFormat.Rss)]
    [InlineData(FeedFormat.Atom)]
    public void Feed_of_no_articles_is_valid_xml_with_a_fixed_plausible_date(FeedFormat format)
    {
        var bytes = _renderer.Render(Document(format), format);

        var feed = LoadWithSyndicationLibrary(bytes);

        Assert.Empty(feed.Items);
        Assert.Equal(EmptyFeeds.Updated, feed.LastUpdatedTime);
    }

    [Theory]
    [InlineData(FeedFormat.Rss)]
    [InlineData(FeedFormat.Atom)]
    public void Characters_xml_forbids_never_reach_the_output(FeedFormat format)
    {
        var dirty = SampleArticle() with
        {
            Title = "Tiêu\u0001 đề\uFFFE",
            Lead = "Đoạn\u000B mở đầu\uFFFF",
            BodyHtml = "<p>Đoạn\u0001 một\u001F.</p>",
            Authors = ["Hồng\u0008 Chuyên"],
            Tags = ["tín\u0002 dụng"],
            Section = new Section("chinh-tri", "Chính\u0003 trị"),
        };
        var document = new FeedDocument("Báo\u0001 Đắk Lắk", "Tin\uFFFE bài", Document(format).SelfPath, "", [dirty]) { FullText = true };

        var bytes = _renderer.Render(document, format);

        var text = Encoding.UTF8.GetString(bytes);
        foreach (var forbidden in "\u0001\u0002\u0003\u0008\u000B\u001F\uFFFE\uFFFF")
        {
            Assert.DoesNotContain(forbidden, text);
        }
        Assert.DoesNotContain("&#x1;", text, StringComparison.OrdinalIgnoreCase);
        var xml = Parse(bytes);
        Assert.Contains(xml.Descendants(), element => element.Value == "Tiêu đề");
        Assert.Contains(xml.Descendants(), element => element.Value == "Hồng Chuyên");
        Assert.Single(LoadWithSyndicationLibrary(bytes).Items);
    }

    [Theory]
    [InlineData(FeedFormat.Rss)]
    [InlineData(FeedFormat.Atom)]
    public void Rendering_the_same_document_twice_gives_the_same_bytes(FeedFormat format)
    {
        var first = _renderer.Render(Document(format, SampleArticle(), OlderArticle()), format);
        var second = new FeedRenderer(Site).Render(Document(format, SampleArticle(), OlderArticle()), format);

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData(FeedFormat.Rss, "vi-VN")]
    [InlineData(FeedFormat.Atom, "vi-VN")]
    [InlineData(FeedFormat.Rss, "ar-SA")]
    public void Rendering_does_not_depend_on_the_current_culture(FeedFormat format, string cultureName)
    {
        var invariant = RenderInCulture(CultureInfo.InvariantCulture, format);
        var local = RenderInCulture(CultureInfo.GetCultureInfo(cultureName), format);

        Assert.Equal(invariant, local);
    }

    private byte[] RenderInCulture(CultureInfo culture, FeedFormat format)
    {
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, culture);
            return _renderer.Render(Document(format, SampleArticle(), OlderArticle()), format);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (previous, previousUi);
        }
    }

    [Theory]
    [InlineData(FeedFormat.Rss)]
    [InlineData(FeedFormat.Atom)]
    public void Editing_an_article_changes_the_bytes(FeedFormat format)
    {
        var before = _renderer.Render(Document(format, SampleArticle(), OlderArticle()), format);
        var edited = SampleArticle() with { Updated = SampleArticle().Updated.AddMinutes(5) };

        var after = _renderer.Render(Document(format, edited, OlderArticle()), format);

        Assert.NotEqual(before, after);
    }

    [Fact]
    public void Editing_an_older_article_changes_its_atom_entry()
    {
        var before = _renderer.Render(Document(FeedFormat.Atom, SampleArticle(), OlderArticle()), FeedFormat.Atom);
        var edited = OlderArticle() with { Updated = OlderArticle().Updated.AddDays(1) };

        var after = _renderer.Render(Document(FeedFormat.Atom, SampleArticle(), edited), FeedFormat.Atom);

        Assert.NotEqual(before, after);
        var entry = Parse(after).Root!.Elements(Atom + "entry").Last();
        Assert.Equal("2021-07-21T09:00:00+07:00", (string?)entry.Element(Atom + "updated"));
    }

    [Fact]
    public void Article_slug_is_escaped_in_its_link()
    {
        var article = SampleArticle() with { Slug = "a b?c" };

        var item = RenderXml(FeedFormat.Rss, article).Root!.Element("channel")!.Element("item")!;

        Assert.Equal("http://example.test/articles/a%20b%3Fc", (string?)item.Element("link"));
    }
}
