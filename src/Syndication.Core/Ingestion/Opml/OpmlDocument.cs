using System.Text;
using System.Xml;
using System.Xml.Linq;
using Syndication.Core.Text;

namespace Syndication.Core.Ingestion.Opml;

/// <summary>Reads and writes OPML 2.0 subscription lists, the format every feed reader imports and exports.</summary>
public static class OpmlDocument
{
    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = 20_000_000,
    };

    /// <summary>Every outline with an xmlUrl, in document order; nested outlines take the title of their parent as category.</summary>
    public static IReadOnlyList<OpmlOutline> Parse(string xml, string path)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), ReaderSettings);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException error)
        {
            throw new FormatException($"{path}:{error.LineNumber}: not a readable OPML file: {error.Message}", error);
        }
        if (document.Root?.Name.LocalName != "opml" || document.Root.Element("body") is not { } body)
        {
            throw new FormatException($"{path}: not an OPML file (expected <opml> with a <body>)");
        }
        var outlines = new List<OpmlOutline>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var outline in body.Descendants("outline"))
        {
            var xmlUrl = ((string?)outline.Attribute("xmlUrl"))?.Trim();
            if (string.IsNullOrEmpty(xmlUrl))
            {
                continue;
            }
            if (!Uri.TryCreate(xmlUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                var line = ((IXmlLineInfo)outline).LineNumber;
                throw new FormatException($"{path}:{line}: xmlUrl '{xmlUrl}' is not an absolute http(s) URL");
            }
            if (!seen.Add(url.AbsoluteUri))
            {
                continue;
            }
            var parent = outline.Parent is { Name.LocalName: "outline" } group ? Attr(group, "text") ?? Attr(group, "title") : null;
            outlines.Add(new OpmlOutline(url.AbsoluteUri, Attr(outline, "text") ?? Attr(outline, "title"), Attr(outline, "htmlUrl"), parent));
        }
        return outlines;
    }

    public static string Write(string title, IEnumerable<OpmlOutline> outlines, DateTimeOffset created)
    {
        var body = new XElement("body");
        foreach (var group in outlines.GroupBy(outline => outline.Category))
        {
            var items = group.Select(outline => new XElement("outline",
                new XAttribute("type", "rss"),
                new XAttribute("text", XmlChars.Strip(outline.Title ?? outline.XmlUrl)),
                new XAttribute("xmlUrl", outline.XmlUrl),
                outline.HtmlUrl is null ? null : new XAttribute("htmlUrl", outline.HtmlUrl)));
            if (group.Key is null)
            {
                body.Add(items);
            }
            else
            {
                body.Add(new XElement("outline", new XAttribute("text", XmlChars.Strip(group.Key)), items));
            }
        }
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement("opml", new XAttribute("version", "2.0"),
                new XElement("head",
                    new XElement("title", XmlChars.Strip(title)),
                    new XElement("dateCreated", created.ToString("r", System.Globalization.CultureInfo.InvariantCulture))),
                body));
        using var writer = new Utf8StringWriter();
        document.Save(writer);
        return writer.ToString() + "\n";
    }

    private static string? Attr(XElement element, string name) =>
        ((string?)element.Attribute(name))?.Trim() is { Length: > 0 } value ? TextCleaner.Clean(value) : null;

    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter() : base(System.Globalization.CultureInfo.InvariantCulture)
        {
        }

        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
