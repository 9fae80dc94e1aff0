using System.Text.Json;
using System.Xml.Linq;
using Syndication.Core.Articles;
using Syndication.Core.Publishing;
using Syndication.Core.Publishing.Rendering;

namespace Syndication.Core.Tests.Publishing.Rendering;

/// <summary>Public feeds carry the lead, a link and the lead image; the body and the other images are for partners.</summary>
public sealed class PublicFeedContentTests
{
    private static readonly XNamespace Atom = FeedRenderer.AtomNamespace;
    private static readonly XNamespace Content = FeedRenderer.ContentNamespace;
    private static readonly XNamespace Media = FeedRenderer.MediaNamespace;

    private readonly FeedRenderer _renderer = new(RenderingSamples.Site);

    private byte[] Render(FeedFormat format, bool fullText, params Article[] articles) =>
        _renderer.Render(new FeedDocument("Báo Đắk Lắk", "Tin bài", "feeds/" + format.FileName(), "", articles) { FullText = fullText }, format);

    private XElement FirstItem(FeedFormat format, bool fullText, params Article[] articles)
    {
        using var stream = new MemoryStream(Render(format, fullText, articles));
        var root = XDocument.Load(stream).Root!;
        return format == FeedFormat.Rss ? root.Element("channel")!.Element("item")! : root.Element(Atom + "entry")!;
    }

    [Fact]
    public void Public_rss_item_has_the_lead_and_link_but_not_the_body()
    {
        var item = FirstItem(FeedFormat.Rss, fullText: false, RenderingSamples.SampleArticle());

        Assert.Equal("Ban Thường vụ Tỉnh ủy vừa ban hành Công văn số 940.", item.Element("description")!.Value);
        Assert.Equal("http://example.test/articles/tang-cuong-su-lanh-dao", item.Element("link")!.Value);
        Assert.Null(item.Element(Content + "encoded"));
        Assert.DoesNotContain("các cấp ủy tăng cường", item.ToString());
    }

    [Fact]
    public void Public_atom_entry_has_a_summary_and_no_content()
    {
        var entry = FirstItem(FeedFormat.Atom, fullText: false, RenderingSamples.OlderArticle());

        Assert.Equal("Đắk Lắk không chỉ nằm trong khu vực có hệ sinh thái phong phú.", entry.Element(Atom + "summary")!.Value);
        Assert.Null(entry.Element(Atom + "content"));
        Assert.NotNull(entry.Elements(Atom + "link").SingleOrDefault(link => (string?)link.Attribute("rel") == "alternate"));
    }

    [Theory]
    [InlineData(FeedFormat.Rss)]
    [InlineData(FeedFormat.Atom)]
    public void Public_item_keeps_only_the_lead_image_and_full_text_keeps_all(FeedFormat format)
    {
        var publicImages = FirstItem(format, fullText: false, RenderingSamples.IllustratedArticle()).Elements(Media + "content").Count();
        var partnerImages = FirstItem(format, fullText: true, RenderingSamples.IllustratedArticle()).Elements(Media + "content").Count();

        Assert.Equal((1, 2), (publicImages, partnerImages));
    }

    [Fact]
    public void Public_json_item_has_content_text_from_the_lead_and_no_html_content()
    {
        using var json = JsonDocument.Parse(Render(FeedFormat.JsonFeed, fullText: false, RenderingSamples.SampleArticle()));
        var item = json.RootElement.GetProperty("items")[0];

        Assert.Equal("Ban Thường vụ Tỉnh ủy vừa ban hành Công văn số 940.", item.GetProperty("content_text").GetString());
        Assert.False(item.TryGetProperty("content_html", out _));
    }

    [Fact]
    public void Full_text_json_item_has_the_body_as_html()
    {
        using var json = JsonDocument.Parse(Render(FeedFormat.JsonFeed, fullText: true, RenderingSamples.SampleArticle()));
        var item = json.RootElement.GetProperty("items")[0];

        Assert.Contains("các cấp ủy tăng cường lãnh đạo", item.GetProperty("content_html").GetString());
        Assert.False(item.TryGetProperty("content_text", out _));
    }

    [Fact]
    public void Id_path_gives_the_feed_its_id_whatever_its_self_link()
    {
        byte[] Feed(string self) => _renderer.Render(
            new FeedDocument("Báo", "Tin", self, "", []) { IdPath = "partners/feeds/atom.xml" }, FeedFormat.Atom);
        string Id(byte[] bytes)
        {
            using var stream = new MemoryStream(bytes);
            return XDocument.Load(stream).Root!.Element(Atom + "id")!.Value;
        }

        Assert.Equal(Id(Feed("partners/feeds/atom.xml")), Id(Feed("partners/syn_abc_def/feeds/atom.xml")));
    }
}
