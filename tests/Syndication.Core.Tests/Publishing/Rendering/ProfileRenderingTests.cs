using System.Text.Json;
using System.Xml.Linq;
using Syndication.Core.Articles;
using Syndication.Core.Publishing;
using Syndication.Core.Publishing.Rendering;

namespace Syndication.Core.Tests.Publishing.Rendering;

/// <summary>What a partner's profile changes in the items: images, Media RSS, attribution.</summary>
public sealed class ProfileRenderingTests
{
    private static readonly XNamespace Atom = FeedRenderer.AtomNamespace;
    private static readonly XNamespace Media = FeedRenderer.MediaNamespace;
    private static readonly XNamespace Content = FeedRenderer.ContentNamespace;
    private const string Attribution = "Nguồn: Báo <Đắk Lắk> & đối tác";
    private const string EscapedAttribution = "<p class=\"attribution\">Nguồn: Báo &lt;Đắk Lắk&gt; &amp; đối tác</p>";

    private readonly FeedRenderer _renderer = new(RenderingSamples.Site);

    private static Article Illustrated() => RenderingSamples.IllustratedArticle() with
    {
        BodyHtml = "<p>Đoạn một.</p>\n<figure><img src=\"https://img.example.test/2021/07/lanh-dao.jpg\" alt=\"\"><figcaption>Hội nghị</figcaption></figure>\n<p>Đoạn hai <img src=\"https://img.example.test/x.png\" alt=\"\"> tiếp.</p>",
        Images = [new ArticleImage("https://img.example.test/2021/07/lanh-dao.jpg", "Hội nghị", "image/jpeg", 48213, 1200, 800, "Ảnh: Thu Hà")],
    };

    private XElement RenderXml(FeedFormat format, bool fullText, bool images, bool media, string? attribution)
    {
        var document = new FeedDocument("Báo", "Tin", "partners/feeds/" + format.FileName(), "", [Illustrated()])
        {
            FullText = fullText, Images = images, Media = media, Attribution = attribution,
        };
        using var stream = new MemoryStream(_renderer.Render(document, format));
        var root = XDocument.Load(stream).Root!;
        return format == FeedFormat.Rss ? root.Element("channel")!.Element("item")! : root.Element(Atom + "entry")!;
    }

    [Fact]
    public void Media_rss_gives_size_thumbnail_credit_and_caption()
    {
        var media = Assert.Single(RenderXml(FeedFormat.Rss, fullText: true, images: true, media: true, null).Elements(Media + "content"));

        Assert.Equal(("1200", "800"), ((string?)media.Attribute("width"), (string?)media.Attribute("height")));
        Assert.Equal("https://img.example.test/2021/07/lanh-dao.jpg", (string?)media.Element(Media + "thumbnail")!.Attribute("url"));
        Assert.Equal("Ảnh: Thu Hà", (string?)media.Element(Media + "credit"));
        Assert.Equal("Hội nghị", (string?)media.Element(Media + "description"));
    }

    [Theory]
    [InlineData(FeedFormat.Rss)]
    [InlineData(FeedFormat.Atom)]
    public void Without_media_the_image_stays_but_no_media_element_is_written(FeedFormat format)
    {
        var item = RenderXml(format, fullText: true, images: true, media: false, null);

        Assert.DoesNotContain(item.Descendants(), element => element.Name.Namespace == Media);
        Assert.Null(item.Document!.Root!.Attribute(XNamespace.Xmlns + "media"));
        Assert.Contains("<img", format == FeedFormat.Rss ? (string)item.Element(Content + "encoded")! : (string)item.Element(Atom + "content")!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FeedFormat.Rss)]
    [InlineData(FeedFormat.Atom)]
    public void Without_images_the_full_text_loses_its_figures_and_the_item_its_media_and_enclosure(FeedFormat format)
    {
        var item = RenderXml(format, fullText: true, images: false, media: true, Attribution);
        var content = format == FeedFormat.Rss ? (string)item.Element(Content + "encoded")! : (string)item.Element(Atom + "content")!;

        Assert.DoesNotContain("<img", content, StringComparison.Ordinal);
        Assert.DoesNotContain("<figure", content, StringComparison.Ordinal);
        Assert.Contains("<p>Đoạn một.</p>", content, StringComparison.Ordinal);
        Assert.Contains("Đoạn hai  tiếp.", content, StringComparison.Ordinal);
        Assert.EndsWith(EscapedAttribution, content, StringComparison.Ordinal);
        Assert.DoesNotContain(item.Descendants(), element => element.Name.Namespace == Media);
        Assert.Null(item.Element("enclosure"));
    }

    [Fact]
    public void A_lead_only_atom_entry_carries_the_attribution_as_html_content_after_the_lead()
    {
        var entry = RenderXml(FeedFormat.Atom, fullText: false, images: true, media: true, Attribution);

        var content = entry.Element(Atom + "content")!;
        Assert.Equal("html", (string?)content.Attribute("type"));
        Assert.StartsWith("<p>Ban Thường vụ", content.Value, StringComparison.Ordinal);
        Assert.EndsWith(EscapedAttribution, content.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_feed_appends_the_attribution_to_the_full_text_as_html()
    {
        var document = new FeedDocument("Báo", "Tin", "partners/feeds/feed.json", "", [Illustrated()]) { FullText = true, Attribution = Attribution };
        using var json = JsonDocument.Parse(_renderer.Render(document, FeedFormat.JsonFeed));

        var item = json.RootElement.GetProperty("items")[0];
        Assert.EndsWith(EscapedAttribution, item.GetProperty("content_html").GetString(), StringComparison.Ordinal);
        Assert.Equal("https://img.example.test/2021/07/lanh-dao.jpg", item.GetProperty("image").GetString());
    }

    [Fact]
    public void Profiles_that_say_the_same_share_a_fingerprint_and_different_ones_do_not()
    {
        var lead = new PartnerProfile(false, false, true, ["van-hoa", "kinh-te"], "Theo báo");

        Assert.Equal(lead.Fingerprint, (lead with { Sections = ["kinh-te", "van-hoa"] }).Fingerprint);
        Assert.Equal(lead, lead with { Sections = ["kinh-te", "van-hoa"] });
        Assert.NotEqual(lead.Fingerprint, (lead with { Attribution = "Theo báo." }).Fingerprint);
        Assert.NotEqual(lead.Fingerprint, (lead with { Media = false }).Fingerprint);
        Assert.NotEqual(lead.Fingerprint, (lead with { Sections = null }).Fingerprint);
        Assert.NotEqual(lead.Fingerprint, (lead with { Sections = [] }).Fingerprint);
        Assert.NotEqual(PartnerProfile.Default.Fingerprint, (PartnerProfile.Default with { FullText = false }).Fingerprint);
    }
}
