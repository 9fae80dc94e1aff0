using System.Text.Json;
using System.Xml.Linq;
using Syndication.Core.Publishing;
using Syndication.Core.Publishing.Rendering;

namespace Syndication.Core.Tests.Publishing.Rendering;

/// <summary>The site's icons in each format: RSS image, Atom icon and logo, JSON Feed icon and favicon.</summary>
public sealed class FeedIconRenderingTests
{
    private static readonly XNamespace Atom = FeedRenderer.AtomNamespace;

    private static readonly Site WithIcons = RenderingSamples.Site with
    {
        Icons = new SiteIcons("assets/icon-512.png", "assets/icon-64.png", "assets/icon-144.png", "assets/logo.png"),
    };

    private static byte[] Render(Site site, FeedFormat format) =>
        new FeedRenderer(site).Render(new FeedDocument("Báo Đắk Lắk", "Tin bài của báo", "feeds/x", "", [RenderingSamples.SampleArticle()]), format);

    [Fact]
    public void Rss_names_the_icon_as_the_channel_image_with_the_channel_title_and_link()
    {
        var image = XDocument.Parse(System.Text.Encoding.UTF8.GetString(Render(WithIcons, FeedFormat.Rss))).Root!.Element("channel")!.Element("image")!;

        Assert.Equal(("http://example.test/assets/icon-144.png", "Báo Đắk Lắk", "http://example.test/"),
            ((string?)image.Element("url"), (string?)image.Element("title"), (string?)image.Element("link")));
    }

    [Fact]
    public void Atom_has_a_square_icon_and_a_wide_logo()
    {
        var feed = XDocument.Parse(System.Text.Encoding.UTF8.GetString(Render(WithIcons, FeedFormat.Atom))).Root!;

        Assert.Equal("http://example.test/assets/icon-512.png", (string?)feed.Element(Atom + "icon"));
        Assert.Equal("http://example.test/assets/logo.png", (string?)feed.Element(Atom + "logo"));
    }

    [Fact]
    public void Json_feed_has_icon_and_favicon()
    {
        using var json = JsonDocument.Parse(Render(WithIcons, FeedFormat.JsonFeed));

        Assert.Equal("http://example.test/assets/icon-512.png", json.RootElement.GetProperty("icon").GetString());
        Assert.Equal("http://example.test/assets/icon-64.png", json.RootElement.GetProperty("favicon").GetString());
    }

    [Theory]
    [InlineData(FeedFormat.Rss, "<image>")]
    [InlineData(FeedFormat.Atom, "<icon>")]
    [InlineData(FeedFormat.JsonFeed, "\"icon\"")]
    public void A_site_without_icons_writes_none(FeedFormat format, string marker)
    {
        Assert.DoesNotContain(marker, System.Text.Encoding.UTF8.GetString(Render(RenderingSamples.Site, format)), StringComparison.Ordinal);
    }
}
