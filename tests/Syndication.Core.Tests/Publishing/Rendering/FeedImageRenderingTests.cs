using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using Syndication.Core.Articles;
using Syndication.Core.Publishing;
using Syndication.Core.Publishing.Rendering;

namespace Syndication.Core.Tests.Publishing.Rendering;

public sealed class FeedImageRenderingTests
{
    private static readonly XNamespace Atom = FeedRenderer.AtomNamespace;
    private static readonly XNamespace Media = FeedRenderer.MediaNamespace;
    private static readonly XNamespace Content = FeedRenderer.ContentNamespace;

    private readonly FeedRenderer _renderer = new(RenderingSamples.Site);

    private static FeedDocument Document(FeedFormat format, params Article[] articles) =>
        new("Báo Đắk Lắk", "Tin bài của báo", "feeds/" + format.FileName(), "", articles) { FullText = true };

    private byte[] Render(FeedFormat format, params Article[] articles) => _renderer.Render(Document(format, articles), format);

    private static XElement Root(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return XDocument.Load(stream).Root!;
    }

    /// <summary>The RSS item or Atom entry of the first article.</summary>
    private XElement FirstItem(FeedFormat format, params Article[] articles)
    {
        var root = Root(Render(format, articles));
        return format == FeedFormat.Rss ? root.Element("channel")!.Element("item")! : root.Element(Atom + "entry")!;
    }

    [Theory]
    [InlineData(FeedFormat.Rss)]
    [InlineData(FeedFormat.Atom)]
    public void Each_image_with_a_url_is_media_content_with_its_caption(FeedFormat format)
    {
        var item = FirstItem(format, RenderingSamples.IllustratedArticle());

        var media = item.Elements(Media + "content").ToList();
        Assert.Equal(2, media.Count);
        Assert.Equal("https://img.example.test/2021/07/lanh-dao.jpg", (string?)media[0].Attribute("url"));
        Assert.Equal("image/jpeg", (string?)media[0].Attribute("type"));
        Assert.Equal("48213", (string?)media[0].Attribute("fileSize"));
        Assert.Equal("image", (string?)media[0].Attribute("medium"));
        var caption = Assert.Single(media[0].Elements(Media + "description"));
        Assert.Equal("plain", (string?)caption.Attribute("type"));
        Assert.Equal("Hội nghị triển khai Công văn 940", caption.Value);
        Assert.Equal("https://img.example.test/2021/07/nguoi-dan.png", (string?)media[1].Attribute("url"));
        Assert.Equal("image/png", (string?)media[1].Attribute("type"));
        Assert.Null(media[1].Attribute("fileSize"));
        Assert.Equal("Cán bộ hỗ trợ người dân", media[1].Element(Media + "description")?.Value);
    }

    [Fact]
    public void Rss_lead_image_with_type_and_length_is_the_enclosure()
    {
        var item = FirstItem(FeedFormat.Rss, RenderingSamples.IllustratedArticle());

        var enclosure = Assert.Single(item.Elements("enclosure"));
        Assert.Equal("https://img.example.test/2021/07/lanh-dao.jpg", (string?)enclosure.Attribute("url"));
        Assert.Equal("image/jpeg", (string?)enclosure.Attribute("type"));
        Assert.Equal("48213", (string?)enclosure.Attribute("length"));
    }

    [Fact]
    public void Atom_lead_image_with_type_and_length_is_the_enclosure_link()
    {
        var entry = FirstItem(FeedFormat.Atom, RenderingSamples.IllustratedArticle());

        var enclosure = Assert.Single(entry.Elements(Atom + "link"), link => (string?)link.Attribute("rel") == "enclosure");
        Assert.Equal("https://img.example.test/2021/07/lanh-dao.jpg", (string?)enclosure.Attribute("href"));
        Assert.Equal("image/jpeg", (string?)enclosure.Attribute("type"));
        Assert.Equal("48213", (string?)enclosure.Attribute("length"));
    }

    [Theory]
    [InlineData(FeedFormat.Rss)]
    [InlineData(FeedFormat.Atom)]
    public void A_lead_image_without_a_known_length_or_type_is_no_enclosure_and_no_later_image_stands_in(FeedFormat format)
    {
        var images = RenderingSamples.IllustratedArticle().Images;
        var article = RenderingSamples.IllustratedArticle() with
        {
            Images = [images[1], images[0] with { MediaType = "jpeg" }, images[0]],
        };

        var item = FirstItem(format, article);

        Assert.Equal(3, item.Elements(Media + "content").Count());
        Assert.Empty(item.Elements("enclosure"));
        Assert.DoesNotContain(item.Elements(Atom + "link"), link => (string?)link.Attribute("rel") == "enclosure");
        // "jpeg" is no media type; the image stays, its type is left out rather than written wrong.
        Assert.Null(item.Elements(Media + "content").ElementAt(1).Attribute("type"));
    }

    [Theory]
    [InlineData(FeedFormat.Rss)]
    [InlineData(FeedFormat.Atom)]
    public void Images_without_a_usable_url_change_nothing(FeedFormat format)
    {
        var article = RenderingSamples.SampleArticle() with
        {
            Images =
            [
                new ArticleImage(null, "Cán bộ hỗ trợ người dân"),
                new ArticleImage("/uploads/relative.jpg", "Đường dẫn tương đối", "image/jpeg", 10),
                new ArticleImage("javascript:alert(1)", "Không phải ảnh", "image/jpeg", 10),
            ],
        };

        var withImages = Render(format, article);
        var withoutImages = Render(format, RenderingSamples.SampleArticle());

        Assert.Equal(withoutImages, withImages);
    }

    [Fact]
    public void Rss_declares_the_media_namespace_on_the_channel_only_when_an_item_uses_it()
    {
        var channel = Root(Render(FeedFormat.Rss, RenderingSamples.OlderArticle(), RenderingSamples.IllustratedArticle())).Element("channel")!;
        var plain = Root(Render(FeedFormat.Rss, RenderingSamples.OlderArticle())).Element("channel")!;

        Assert.Equal(FeedRenderer.MediaNamespace, (string?)channel.Attribute(XNamespace.Xmlns + "media"));
        Assert.DoesNotContain(channel.Descendants().Attributes(), attribute => attribute.IsNamespaceDeclaration);
        Assert.Null(plain.Attribute(XNamespace.Xmlns + "media"));
    }

    [Fact]
    public void Atom_declares_the_media_namespace_on_the_feed_element()
    {
        var feed = Root(Render(FeedFormat.Atom, RenderingSamples.IllustratedArticle()));

        Assert.Equal(FeedRenderer.MediaNamespace, (string?)feed.Attribute(XNamespace.Xmlns + "media"));
        Assert.DoesNotContain(feed.Descendants().Attributes(), attribute => attribute.IsNamespaceDeclaration);
    }

    [Theory]
    [InlineData(FeedFormat.Rss)]
    [InlineData(FeedFormat.Atom)]
    public void Figures_stay_in_the_html_content(FeedFormat format)
    {
        var item = FirstItem(format, RenderingSamples.IllustratedArticle());

        var content = format == FeedFormat.Rss ? item.Element(Content + "encoded")!.Value : item.Element(Atom + "content")!.Value;
        Assert.Contains("<figure><figcaption>Cán bộ hỗ trợ người dân</figcaption></figure>", content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FeedFormat.Rss)]
    [InlineData(FeedFormat.Atom)]
    public void Characters_xml_forbids_in_a_caption_never_reach_the_output(FeedFormat format)
    {
        var article = RenderingSamples.IllustratedArticle() with
        {
            Images = [new ArticleImage("https://img.example.test/a.jpg", "Chú\u0001 thích\uFFFE", "image/jpeg", 1)],
        };

        var item = FirstItem(format, article);

        Assert.Equal("Chú thích", item.Element(Media + "content")!.Element(Media + "description")!.Value);
    }

    [Theory]
    [InlineData(FeedFormat.Rss)]
    [InlineData(FeedFormat.Atom)]
    public void Feeds_with_images_render_byte_stable_and_read_back_with_the_enclosure(FeedFormat format)
    {
        var first = Render(format, RenderingSamples.IllustratedArticle(), RenderingSamples.OlderArticle());
        var second = new FeedRenderer(RenderingSamples.Site).Render(
            Document(format, RenderingSamples.IllustratedArticle(), RenderingSamples.OlderArticle()), format);

        Assert.Equal(first, second);
        using var stream = new MemoryStream(first);
        using var reader = XmlReader.Create(stream);
        var feed = SyndicationFeed.Load(reader);
        var enclosure = Assert.Single(feed.Items.First().Links, link => link.RelationshipType == "enclosure");
        Assert.Equal(48213, enclosure.Length);
    }
}
