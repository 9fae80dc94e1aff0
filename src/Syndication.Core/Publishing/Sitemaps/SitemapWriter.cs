using System.Text;
using System.Xml;
using Syndication.Core.Publishing.Rendering;
using Syndication.Core.Text;

namespace Syndication.Core.Publishing.Sitemaps;

/// <summary>Writes the sitemaps.org 0.9 documents — a sitemap index, a list of URLs — and the Google News sitemap, with
/// times in the archive's offset (W3C datetime).</summary>
public sealed class SitemapWriter(Site site)
{
    public const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
    public const string NewsNamespace = "http://www.google.com/schemas/sitemap-news/0.9";

    /// <summary>The most URLs one sitemap may list (sitemaps.org).</summary>
    public const int MaxUrls = 50_000;

    /// <summary>The most articles one news sitemap may list (Google News).</summary>
    public const int MaxNewsUrls = 1_000;

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        NewLineChars = "\n",
        CheckCharacters = true,
    };

    /// <summary>A <c>sitemapindex</c> of the given sitemaps.</summary>
    public byte[] WriteIndex(IEnumerable<SitemapLink> sitemaps) => WriteLinks("sitemapindex", "sitemap", sitemaps);

    /// <summary>A <c>urlset</c> of the given pages.</summary>
    public byte[] WriteUrls(IEnumerable<SitemapLink> urls) => WriteLinks("urlset", "url", urls);

    private byte[] WriteLinks(string root, string child, IEnumerable<SitemapLink> links) => Write(writer =>
    {
        writer.WriteStartElement(root, Namespace);
        foreach (var link in links)
        {
            writer.WriteStartElement(child, Namespace);
            WriteLocation(writer, link.Location, link.LastModified);
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    });

    /// <summary>A <c>urlset</c> whose every URL carries <c>news:news</c>: the publication (the site's name and language),
    /// the publication date and the title.</summary>
    public byte[] WriteNews(IEnumerable<NewsSitemapArticle> articles) => Write(writer =>
    {
        writer.WriteStartElement("urlset", Namespace);
        writer.WriteAttributeString("xmlns", "news", null, NewsNamespace);
        foreach (var article in articles)
        {
            writer.WriteStartElement("url", Namespace);
            WriteLocation(writer, article.Location, article.LastModified);
            writer.WriteStartElement("news", "news", NewsNamespace);
            writer.WriteStartElement("news", "publication", NewsNamespace);
            writer.WriteElementString("news", "name", NewsNamespace, XmlChars.Strip(site.Name));
            writer.WriteElementString("news", "language", NewsNamespace, site.Language);
            writer.WriteEndElement();
            writer.WriteElementString("news", "publication_date", NewsNamespace, Rfc3339.Format(site, article.Published));
            writer.WriteElementString("news", "title", NewsNamespace, XmlChars.Strip(article.Title));
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    });

    private void WriteLocation(XmlWriter writer, Uri location, DateTimeOffset? lastModified)
    {
        writer.WriteElementString("loc", Namespace, location.AbsoluteUri);
        if (lastModified is { } time)
        {
            writer.WriteElementString("lastmod", Namespace, Rfc3339.Format(site, time));
        }
    }

    private static byte[] Write(Action<XmlWriter> body)
    {
        using var output = new MemoryStream();
        using (var writer = XmlWriter.Create(output, Settings))
        {
            writer.WriteStartDocument();
            body(writer);
            writer.WriteEndDocument();
        }
        return output.ToArray();
    }
}
