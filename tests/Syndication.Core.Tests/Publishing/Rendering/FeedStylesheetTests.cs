using System.Text;
using System.Xml.Linq;
using Syndication.Core.Articles;
using Syndication.Core.Publishing;
using Syndication.Core.Publishing.Rendering;

namespace Syndication.Core.Tests.Publishing.Rendering;

public sealed class FeedStylesheetTests
{
    private static readonly Uri StylesheetUrl = new("http://example.test/feeds/style.xsl");

    private readonly FeedRenderer _styled = new(RenderingSamples.Site, StylesheetUrl);

    private static FeedDocument Document(FeedFormat format, params Article[] articles) =>
        new("Báo Đắk Lắk", "Tin bài của báo", "feeds/" + format.FileName(), "", articles);

    private static RelatedFeedDocument RelatedDocument(FeedFormat format) =>
        new("Tin liên quan – Báo Đắk Lắk", "Tin từ các báo khác", "feeds/related/" + format.FileName(), "", [RenderingSamples.RelatedEntry()]);

    [Theory]
    [InlineData(FeedFormat.Rss)]
    [InlineData(FeedFormat.Atom)]
    public void A_configured_stylesheet_is_referenced_right_after_the_xml_declaration(FeedFormat format)
    {
        var text = Encoding.UTF8.GetString(_styled.Render(Document(format, RenderingSamples.SampleArticle()), format));

        Assert.StartsWith(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<?xml-stylesheet type=\"text/xsl\" href=\"http://example.test/feeds/style.xsl\"?>\n<",
            text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FeedFormat.Rss)]
    [InlineData(FeedFormat.Atom)]
    public void The_related_feeds_reference_the_stylesheet_too(FeedFormat format)
    {
        var text = Encoding.UTF8.GetString(_styled.Render(RelatedDocument(format), format));

        Assert.Contains("<?xml-stylesheet type=\"text/xsl\" href=\"http://example.test/feeds/style.xsl\"?>", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FeedFormat.Rss)]
    [InlineData(FeedFormat.Atom)]
    [InlineData(FeedFormat.JsonFeed)]
    public void Without_a_stylesheet_there_is_no_processing_instruction(FeedFormat format)
    {
        var text = Encoding.UTF8.GetString(new FeedRenderer(RenderingSamples.Site).Render(Document(format, RenderingSamples.SampleArticle()), format));

        Assert.DoesNotContain("xml-stylesheet", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_feed_ignores_the_stylesheet()
    {
        var styled = _styled.Render(Document(FeedFormat.JsonFeed, RenderingSamples.SampleArticle()), FeedFormat.JsonFeed);
        var plain = new FeedRenderer(RenderingSamples.Site).Render(Document(FeedFormat.JsonFeed, RenderingSamples.SampleArticle()), FeedFormat.JsonFeed);

        Assert.Equal(plain, styled);
    }

    [Fact]
    public void A_relative_stylesheet_is_resolved_against_the_site_and_its_query_is_escaped()
    {
        var renderer = new FeedRenderer(RenderingSamples.Site, new Uri("feeds/style.xsl?v=2&lang=vi", UriKind.Relative));

        var bytes = renderer.Render(Document(FeedFormat.Rss, RenderingSamples.SampleArticle()), FeedFormat.Rss);

        using var stream = new MemoryStream(bytes);
        var instruction = Assert.Single(XDocument.Load(stream).Nodes().OfType<XProcessingInstruction>());
        Assert.Equal("xml-stylesheet", instruction.Target);
        Assert.Equal("type=\"text/xsl\" href=\"http://example.test/feeds/style.xsl?v=2&amp;lang=vi\"", instruction.Data);
    }

    [Fact]
    public void Rss_feed_shows_in_a_browser_as_a_vietnamese_page_listing_its_articles()
    {
        var bytes = _styled.Render(Document(FeedFormat.Rss, RenderingSamples.SampleArticle(), RenderingSamples.OlderArticle()), FeedFormat.Rss);

        var html = FeedStylesheet.Transform(bytes);

        AssertReadablePage(html, "http://example.test/feeds/rss.xml");
        Assert.Contains("29/07/2021 17:03", html.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Atom_feed_shows_in_a_browser_as_a_vietnamese_page_listing_its_articles()
    {
        var bytes = _styled.Render(Document(FeedFormat.Atom, RenderingSamples.SampleArticle(), RenderingSamples.OlderArticle()), FeedFormat.Atom);

        var html = FeedStylesheet.Transform(bytes);

        AssertReadablePage(html, "http://example.test/feeds/atom.xml");
        Assert.Contains("29/07/2021 17:03", html.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FeedFormat.Rss)]
    [InlineData(FeedFormat.Atom)]
    public void A_related_entrys_html_summary_shows_as_text(FeedFormat format)
    {
        var html = FeedStylesheet.Transform(_styled.Render(RelatedDocument(format), format));

        var item = Assert.Single(html.Descendants("li"));
        Assert.Equal("Giá cà phê tăng mạnh", item.Element("a")?.Value);
        Assert.Equal(RenderingSamples.RelatedEntry().Link, (string?)item.Element("a")?.Attribute("href"));
        Assert.Equal("Giá cà phê Tây Nguyên hôm nay tăng 2.000 đồng/kg.", item.Element("p")?.Value);
        Assert.Equal("02/10/2024 07:15", item.Element("time")?.Value);
    }

    [Fact]
    public void The_page_is_an_html5_document_in_utf8()
    {
        var bytes = _styled.Render(Document(FeedFormat.Rss, RenderingSamples.SampleArticle()), FeedFormat.Rss);

        var page = FeedStylesheet.TransformToText(bytes);

        Assert.StartsWith("<!DOCTYPE html", page, StringComparison.Ordinal);
        Assert.Contains("charset=UTF-8", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Tăng cường sự lãnh đạo", page, StringComparison.Ordinal);
    }

    private static void AssertReadablePage(XElement html, string feedUrl)
    {
        Assert.Equal("vi", (string?)html.Attribute("lang"));
        var text = html.Value;
        Assert.Contains("Đây là kênh tin (RSS/Atom)", text, StringComparison.Ordinal);
        foreach (var reader in (string[])["Feedly", "Inoreader", "NetNewsWire", "Miniflux"])
        {
            Assert.Contains(reader, text, StringComparison.Ordinal);
        }
        Assert.Equal(feedUrl, html.Descendants("code").Single().Value);
        Assert.Equal("Báo Đắk Lắk", html.Descendants("h1").Single().Value);
        Assert.Contains("Tin bài của báo", text, StringComparison.Ordinal);
        var items = html.Descendants("li").ToList();
        Assert.Equal([RenderingSamples.SampleArticle().Title, RenderingSamples.OlderArticle().Title], items.Select(item => item.Element("a")?.Value));
        Assert.Equal("http://example.test/articles/tang-cuong-su-lanh-dao", (string?)items[0].Element("a")?.Attribute("href"));
        Assert.Equal(RenderingSamples.SampleArticle().Lead, items[0].Element("p")?.Value);
        // Without a lead, RSS carries the start of the body as description and Atom no summary at all.
        Assert.True(items[1].Element("p") is null || items[1].Element("p")!.Value.StartsWith("Đắk Lắk không chỉ", StringComparison.Ordinal));
        // Nothing is fetched from elsewhere and nothing runs.
        Assert.Empty(html.Descendants("script"));
        Assert.DoesNotContain(html.Descendants(), element => element.Attribute("src") is not null);
        Assert.DoesNotContain(html.Descendants("link"), element => element.Attribute("href") is not null);
    }
}
