using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Syndication.Core.Articles;
using Syndication.Core.Ingestion;
using Syndication.Core.Ingestion.Sources;
using Syndication.Core.Publishing;
using Syndication.Core.Publishing.Rendering;
using Syndication.Core.Text;

namespace Syndication.Core.Tests.Publishing.Rendering;

/// <summary>
/// Every feed we render, read the way a feed reader reads it: the XML (or JSON) decoded, then each field that holds
/// HTML parsed as HTML. Text from articles and entries — titles, leads, names, tags, captions, and text that was
/// escaped inside HTML — must arrive as text: no element or attribute of it may appear in the parsed HTML.
/// </summary>
public sealed class HostileTextRenderingTests
{
    private const string Hostile = "lead <script>alert(1)</script> <svg onload=alert(2)> <img src=x onerror=alert(3)> & &lt;b&gt;";

    // Elements our own markup uses around text: the lead set apart in full text, paragraphs of the body.
    private static readonly HashSet<string> OurElements = ["html", "head", "body", "p", "strong", "figure", "figcaption"];

    private static readonly Site Site = RenderingSamples.Site;

    private static readonly FeedRenderer Renderer = new(Site);

    public static TheoryData<string> Feeds() => [.. Renders().Select(render => render.Name)];

    [Theory]
    [MemberData(nameof(Feeds))]
    public void Html_fields_hold_no_markup_that_came_from_text(string feed)
    {
        var (_, format, bytes) = Renders().Single(render => render.Name == feed);
        var fields = HtmlFields(bytes, format);

        // Public Atom and JSON Feed items carry the lead as text only (summary type="text", content_text).
        if (format == FeedFormat.Rss || !feed.StartsWith("public-", StringComparison.Ordinal))
        {
            Assert.NotEmpty(fields);
        }
        foreach (var (where, html) in fields)
        {
            var document = new HtmlParser().ParseDocument(html);
            var foreign = document.All.Where(element => !OurElements.Contains(element.LocalName)).Select(element => element.LocalName).ToList();
            Assert.True(foreign.Count == 0, $"{feed} {where}: elements {string.Join(", ", foreign)} in {html}");
            var attributes = document.All.SelectMany(element => element.Attributes).Select(attribute => attribute.Name).ToList();
            Assert.True(attributes.Count == 0, $"{feed} {where}: attributes {string.Join(", ", attributes)} in {html}");
            // The text is still there, as text: escaped, not dropped.
            Assert.Contains("<script>alert(1)</script>", document.Body!.TextContent, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Feeds))]
    public void Text_fields_carry_the_text_exactly_once_escaped(string feed)
    {
        var (_, format, bytes) = Renders().Single(render => render.Name == feed);

        var titles = TextFields(bytes, format);

        Assert.NotEmpty(titles);
        Assert.All(titles, title => Assert.Contains(Hostile, title, StringComparison.Ordinal));
    }

    private static IEnumerable<(string Name, FeedFormat Format, byte[] Bytes)> Renders()
    {
        foreach (var format in new[] { FeedFormat.Rss, FeedFormat.Atom, FeedFormat.JsonFeed })
        {
            var name = format.ToString().ToLowerInvariant();
            Article[] articles = [HostileArticle(), HostileArticleWithoutLead()];
            yield return ($"public-{name}", format, Renderer.Render(new FeedDocument("Feed", "Feed", "feeds/x", "", articles), format));
            yield return ($"partner-{name}", format, Renderer.Render(new FeedDocument("Feed", "Feed", "feeds/x", "", articles) { FullText = true }, format));
            yield return ($"related-{name}", format, Renderer.Render(new RelatedFeedDocument("Feed", "Feed", "feeds/x", "", [HostileEntry()]), format));
            yield return ($"search-{name}", format, Renderer.Render(
                new SearchFeedDocument("Feed", "Feed", "feeds/x", "", [SearchFeedItem.Of(HostileArticle()), SearchFeedItem.Of(HostileEntry())]), format));
        }
    }

    /// <summary>An article as the importer stores hostile input: plain-text fields as given, the body's text escaped in its HTML.</summary>
    private static Article HostileArticle() => RenderingSamples.SampleArticle() with
    {
        Title = Hostile,
        Lead = Hostile,
        BodyHtml = $"<p>{Html.Escape(Hostile)}</p>\n<figure><figcaption>{Html.Escape(Hostile)}</figcaption></figure>",
        Authors = [Hostile],
        Section = new Section("chinh-tri", Hostile),
        Tags = [Hostile],
        Images = [new ArticleImage("https://img.example.test/a.jpg", Hostile, "image/jpeg", 1000)],
    };

    /// <summary>Without a lead, the start of the body (as plain text) stands in for it.</summary>
    private static Article HostileArticleWithoutLead() => HostileArticle() with
    {
        Id = 2,
        StableId = StableIds.FromName("hostile-2"),
        Slug = "hostile-2",
        Lead = null,
    };

    /// <summary>An entry as the normaliser stores a hostile feed's: plain-text title and names, sanitised HTML with the text escaped.</summary>
    private static IngestedEntry HostileEntry() => RenderingSamples.RelatedEntry() with
    {
        Title = Hostile,
        SourceTitle = Hostile,
        SummaryHtml = $"<p>{Html.Escape(Hostile)}</p>",
        ContentHtml = $"<p>{Html.Escape(Hostile)}</p>",
        Authors = [Hostile],
        Categories = [Hostile],
        Enclosures = [new Enclosure("https://img.example.test/b.jpg", "image/jpeg", 1000)],
    };

    /// <summary>The fields a reader renders as HTML: RSS description and content:encoded, Atom text constructs of type
    /// html, JSON Feed content_html.</summary>
    private static List<(string Where, string Html)> HtmlFields(byte[] bytes, FeedFormat format)
    {
        if (format == FeedFormat.JsonFeed)
        {
            using var json = JsonDocument.Parse(bytes);
            return [.. json.RootElement.GetProperty("items").EnumerateArray()
                .Where(item => item.TryGetProperty("content_html", out _))
                .Select(item => ("content_html", item.GetProperty("content_html").GetString()!))];
        }
        var root = XDocument.Parse(System.Text.Encoding.UTF8.GetString(bytes)).Root!;
        if (format == FeedFormat.Rss)
        {
            XNamespace content = FeedRenderer.ContentNamespace;
            return [.. root.Descendants("item").SelectMany(item => item.Elements("description").Concat(item.Elements(content + "encoded")))
                .Select(element => (element.Name.LocalName, element.Value))];
        }
        XNamespace atom = FeedRenderer.AtomNamespace;
        return [.. root.Descendants(atom + "entry").SelectMany(entry => entry.Elements(atom + "summary").Concat(entry.Elements(atom + "content")))
            .Where(element => (string?)element.Attribute("type") == "html")
            .Select(element => (element.Name.LocalName, element.Value))];
    }

    /// <summary>The item titles, which every format carries as plain text.</summary>
    private static List<string> TextFields(byte[] bytes, FeedFormat format)
    {
        if (format == FeedFormat.JsonFeed)
        {
            using var json = JsonDocument.Parse(bytes);
            return [.. json.RootElement.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("title").GetString()!)];
        }
        var root = XDocument.Parse(System.Text.Encoding.UTF8.GetString(bytes)).Root!;
        return format == FeedFormat.Rss
            ? [.. root.Descendants("item").Select(item => item.Element("title")!.Value)]
            : [.. root.Descendants((XNamespace)FeedRenderer.AtomNamespace + "entry").Select(entry => entry.Element((XNamespace)FeedRenderer.AtomNamespace + "title")!.Value)];
    }
}
