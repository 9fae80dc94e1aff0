using System.Text.Json;
using System.Xml.Linq;
using Syndication.Core.Articles;
using Syndication.Core.Publishing;
using Syndication.Core.Publishing.Rendering;

namespace Syndication.Core.Tests.Publishing.Rendering;

/// <summary>A corrected article says so at the top of what every feed carries, with the time of the correction.</summary>
public sealed class CorrectionRenderingTests
{
    private static readonly XNamespace Atom = FeedRenderer.AtomNamespace;
    private static readonly XNamespace Content = FeedRenderer.ContentNamespace;
    private const string Note = "Tên xã đúng là Cư Pui <không phải> Cư Drăm.";
    // 08:15 in the archive's zone.
    private static readonly DateTimeOffset Corrected = new(2021, 7, 30, 1, 15, 0, TimeSpan.Zero);

    private readonly FeedRenderer _renderer = new(RenderingSamples.Site);

    private static Article CorrectedArticle() => RenderingSamples.SampleArticle() with { Correction = new ArticleCorrection(Note, Corrected) };

    private string Render(FeedFormat format, bool fullText) =>
        System.Text.Encoding.UTF8.GetString(_renderer.Render(
            new FeedDocument("Báo Đắk Lắk", "Tin bài", "feeds/" + format.FileName(), "", [CorrectedArticle()]) { FullText = fullText }, format));

    private const string ExpectedHtml = "<p class=\"correction\"><strong>Đính chính</strong> (08:15, 30/07/2021): Tên xã đúng là Cư Pui &lt;không phải&gt; Cư Drăm.</p>";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Rss_item_starts_with_the_correction_paragraph(bool fullText)
    {
        var item = XDocument.Parse(Render(FeedFormat.Rss, fullText)).Root!.Element("channel")!.Element("item")!;

        var html = fullText ? item.Element(Content + "encoded")!.Value : item.Element("description")!.Value;

        Assert.StartsWith(ExpectedHtml, html, StringComparison.Ordinal);
        Assert.Contains("Ban Thường vụ Tỉnh ủy", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Atom_entry_content_starts_with_the_correction_paragraph(bool fullText)
    {
        var entry = XDocument.Parse(Render(FeedFormat.Atom, fullText)).Root!.Element(Atom + "entry")!;

        var content = entry.Element(Atom + "content")!;

        Assert.Equal("html", content.Attribute("type")!.Value);
        Assert.StartsWith(ExpectedHtml, content.Value, StringComparison.Ordinal);
        Assert.Equal("Ban Thường vụ Tỉnh ủy vừa ban hành Công văn số 940.", entry.Element(Atom + "summary")!.Value);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Json_item_has_the_correction_first_and_in_the_extension(bool fullText)
    {
        using var json = JsonDocument.Parse(Render(FeedFormat.JsonFeed, fullText));
        var item = json.RootElement.GetProperty("items")[0];

        if (fullText)
        {
            Assert.StartsWith(ExpectedHtml, item.GetProperty("content_html").GetString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.StartsWith("Đính chính (08:15, 30/07/2021): " + Note + "\n\nBan Thường vụ", item.GetProperty("content_text").GetString(), StringComparison.Ordinal);
        }
        var correction = item.GetProperty("_syndication").GetProperty("correction");
        Assert.Equal(Note, correction.GetProperty("text").GetString());
        Assert.Equal("2021-07-30T08:15:00+07:00", correction.GetProperty("date_corrected").GetString());
    }

    [Fact]
    public void An_article_without_a_correction_has_no_note_and_no_extension()
    {
        var rendered = System.Text.Encoding.UTF8.GetString(_renderer.Render(
            new FeedDocument("Báo Đắk Lắk", "Tin bài", "feeds/feed.json", "", [RenderingSamples.SampleArticle()]), FeedFormat.JsonFeed));

        Assert.DoesNotContain("Đính chính", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("_syndication", rendered, StringComparison.Ordinal);
    }
}
