using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Syndication.Core.Articles;
using Syndication.Core.Ingestion.Sources;
using Syndication.Core.Text;

namespace Syndication.Core.Publishing.Rendering;

/// <summary>Renders a feed document as RSS 2.0 or Atom 1.0 bytes with System.ServiceModel.Syndication's formatters,
/// or as JSON Feed 1.1.</summary>
/// <param name="site">Who publishes: base URL, name, language, time zone.</param>
/// <param name="stylesheet">The XSLT that browsers apply to the RSS and Atom feeds; null writes no xml-stylesheet instruction.</param>
public sealed class FeedRenderer(Site site, Uri? stylesheet = null)
{
    public const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";
    public const string DublinCoreNamespace = "http://purl.org/dc/elements/1.1/";
    public const string AtomNamespace = "http://www.w3.org/2005/Atom";
    public const string MediaNamespace = "http://search.yahoo.com/mrss/";
    public const string DublinCoreTermsNamespace = "http://purl.org/dc/terms/";

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        CheckCharacters = true,
        NewLineChars = "\n",
    };

    public const string FeedHistoryNamespace = "http://purl.org/syndication/history/1.0";

    public byte[] Render(FeedDocument document, FeedFormat format)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (format == FeedFormat.JsonFeed)
        {
            return new JsonFeedWriter(site).Write(document);
        }
        var feed = CreateFeed(document.Title, document.Description, document.SelfPath, document.AlternatePath, document.Updated, format,
            document.Articles.Select(article => CreateItem(article, format, ItemStyle.Of(document))), document.IdPath);
        if (document.Images && document.Media && document.Articles.Any(article => FeedImage.Of(article).Count > 0))
        {
            // Declared once on channel/feed, and only when used, so feeds without images keep their bytes.
            DeclareNamespace(feed, "media", MediaNamespace);
        }
        if (document.Articles.Any(article => article.EmbargoedUntil is not null))
        {
            DeclareNamespace(feed, "dcterms", DublinCoreTermsNamespace);
        }
        foreach (var link in document.Links)
        {
            AddLink(feed, link, format);
        }
        if (document.IsArchive)
        {
            DeclareNamespace(feed, "fh", FeedHistoryNamespace);
            feed.ElementExtensions.Add(new XElement(XName.Get("archive", FeedHistoryNamespace)));
        }
        // RSS has no tombstones: a reader of RSS only sees the item go.
        if (format == FeedFormat.Atom && document.Deleted.Count > 0)
        {
            DeclareNamespace(feed, "at", Tombstones.Namespace);
            foreach (var deleted in document.Deleted)
            {
                feed.ElementExtensions.Add(Tombstones.Atom(site, deleted));
            }
        }
        return Write(feed, format);
    }

    private void AddLink(SyndicationFeed feed, FeedLink link, FeedFormat format)
    {
        var href = FeedUris.Of(site, link);
        if (format == FeedFormat.Rss)
        {
            feed.ElementExtensions.Add(new XElement(
                XName.Get("link", AtomNamespace),
                new XAttribute("href", href.AbsoluteUri),
                new XAttribute("rel", link.Relation),
                link.MediaType is null ? null : new XAttribute("type", link.MediaType)));
        }
        else
        {
            feed.Links.Add(new SyndicationLink(href, link.Relation, null, link.MediaType, 0));
        }
    }

    /// <summary>Renders ingested entries, each keeping its publisher's id and naming its source.</summary>
    public byte[] Render(RelatedFeedDocument document, FeedFormat format)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (format == FeedFormat.JsonFeed)
        {
            return new JsonFeedWriter(site).Write(document);
        }
        var feed = CreateFeed(document.Title, document.Description, document.SelfPath, document.AlternatePath, document.Updated, format,
            document.Entries.Select(entry => CreateItem(entry, format)));
        foreach (var link in document.Links)
        {
            AddLink(feed, link, format);
        }
        return Write(feed, format);
    }

    /// <summary>Renders search results: articles as in the public feeds (lead and link), entries naming their source.</summary>
    public byte[] Render(SearchFeedDocument document, FeedFormat format)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (format == FeedFormat.JsonFeed)
        {
            return new JsonFeedWriter(site).Write(document);
        }
        var feed = CreateFeed(document.Title, document.Description, document.SelfPath, document.AlternatePath, document.Updated, format,
            document.Items.Select(item => item.Article is { } article ? CreateItem(article, format, ItemStyle.Public) : CreateItem(item.Entry!, format)));
        if (document.Items.Any(item => item.Article is { } article && FeedImage.Of(article).Count > 0))
        {
            DeclareNamespace(feed, "media", MediaNamespace);
        }
        return Write(feed, format);
    }

    private byte[] Write(SyndicationFeed feed, FeedFormat format)
    {
        using var buffer = new ChunkedBufferStream();
        using (var writer = XmlWriter.Create(buffer, WriterSettings))
        {
            if (stylesheet is not null)
            {
                // A browser opening the feed renders it through this XSLT; it must follow the declaration, before the root.
                writer.WriteStartDocument();
                writer.WriteProcessingInstruction("xml-stylesheet", $"type=\"text/xsl\" href=\"{Html.Escape(Absolute(stylesheet).AbsoluteUri)}\"");
            }
            SyndicationFeedFormatter formatter = format == FeedFormat.Rss
                ? new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: false)
                : new Atom10FeedFormatter(feed);
            formatter.WriteTo(writer);
        }
        return buffer.ToArray();
    }

    private SyndicationFeed CreateFeed(
        string title, string description, string selfPath, string alternatePath, DateTimeOffset updated, FeedFormat format,
        IEnumerable<SyndicationItem> items, string? idPath = null)
    {
        var self = site.Url(selfPath);
        var feed = new SyndicationFeed(
            Clean(title),
            Clean(description),
            site.Url(alternatePath),
            StableIds.Urn(StableIds.FromName((idPath is null ? self : site.Url(idPath)).AbsolutePath)),
            site.Local(updated))
        {
            Language = site.Language,
            Generator = "Syndication",
            Items = [.. items],
        };
        if (site.Icons is { } icons)
        {
            // RSS <image> (with the channel's title and link, as the RSS spec asks) and Atom <logo>; Atom <icon> below.
            feed.ImageUrl = site.Url(format == FeedFormat.Rss ? icons.RssImage : icons.Logo);
            if (format == FeedFormat.Atom)
            {
                feed.ElementExtensions.Add(new XElement(XName.Get("icon", AtomNamespace), site.Url(icons.Icon).AbsoluteUri));
            }
        }
        if (format == FeedFormat.Rss)
        {
            // The RSS formatter drops non-alternate links unless it writes every extension as Atom; add atom:link ourselves.
            feed.ElementExtensions.Add(new XElement(
                XName.Get("link", AtomNamespace),
                new XAttribute("href", self.AbsoluteUri),
                new XAttribute("rel", "self"),
                new XAttribute("type", format.MediaType())));
            DeclareNamespace(feed, "atom", AtomNamespace);
            DeclareNamespace(feed, "content", ContentNamespace);
            DeclareNamespace(feed, "dc", DublinCoreNamespace);
        }
        else
        {
            feed.Links.Add(SyndicationLink.CreateSelfLink(self, format.MediaType()));
            // Atom needs an author for every entry; the newspaper stands in for articles without a byline.
            feed.Authors.Add(new SyndicationPerson(null, Clean(site.Name), site.BaseUrl.AbsoluteUri));
        }
        return feed;
    }

    private SyndicationItem CreateItem(Article article, FeedFormat format, ItemStyle style)
    {
        var fullText = style.FullText;
        var item = new SyndicationItem
        {
            Id = StableIds.Urn(article.StableId),
            Title = new TextSyndicationContent(Clean(article.Title)),
        };
        if (article.EmbargoedUntil is { } release)
        {
            // Under embargo (partners with the embargo scope only): not published yet, so no publication date — a date
            // ahead would read as a mistake — but the time it may be, as Dublin Core's "date available".
            item.ElementExtensions.Add(new XElement(XName.Get("available", DublinCoreTermsNamespace), Rfc3339.Format(site, release)));
        }
        else
        {
            item.PublishDate = site.Local(article.Published);
        }
        item.Links.Add(SyndicationLink.CreateAlternateLink(site.ArticleUrl(article.Slug), "text/html"));
        item.Categories.Add(new SyndicationCategory(Clean(article.Section.Name), site.SectionPageUrl(article.Section).AbsoluteUri, null));
        foreach (var tag in article.Tags)
        {
            item.Categories.Add(new SyndicationCategory(Clean(tag)));
        }
        AddImages(item, style.ImagesOf(article), style.Media);
        // Readers show the summary first; without a lead, the start of the body stands in.
        var summary = article.Lead ?? Excerpt(article.BodyHtml);
        // A lead-only item with an attribution needs HTML to carry it, as one with a correction does.
        var attributed = !fullText && style.Attribution is not null;
        if (format == FeedFormat.Rss)
        {
            if (article.Correction is not null || attributed)
            {
                // The correction comes first, as a paragraph of its own, wherever the article is summarised.
                item.Summary = new TextSyndicationContent(Clean(LeadContentHtml(article, site, summary) + (fullText ? "" : style.AttributionHtml)));
            }
            else if (summary is not null)
            {
                // RSS description is HTML (entity-encoded in the XML): plain text is escaped as HTML first, then by
                // the writer as XML, so "<script>" in a lead reaches a reader as those characters, not as markup.
                item.Summary = new TextSyndicationContent(Html.Escape(Clean(summary)));
            }
            if (fullText)
            {
                item.ElementExtensions.Add(new XElement(XName.Get("encoded", ContentNamespace), Clean(ContentHtml(article, site, style))));
            }
            foreach (var author in article.Authors)
            {
                item.ElementExtensions.Add(new XElement(XName.Get("creator", DublinCoreNamespace), Clean(author)));
            }
        }
        else
        {
            item.LastUpdatedTime = site.Local(article.Updated);
            if ((fullText ? article.Lead : summary) is { } text)
            {
                item.Summary = new TextSyndicationContent(Clean(text));
            }
            if (fullText)
            {
                item.Content = new TextSyndicationContent(Clean(ContentHtml(article, site, style)), TextSyndicationContentKind.Html);
            }
            else if (article.Correction is not null || attributed)
            {
                // A lead-only entry has no content, only its plain-text summary: the correction needs a paragraph of its own.
                item.Content = new TextSyndicationContent(Clean(LeadContentHtml(article, site, summary) + style.AttributionHtml), TextSyndicationContentKind.Html);
            }
            foreach (var author in article.Authors)
            {
                item.Authors.Add(new SyndicationPerson(null, Clean(author), null));
            }
        }
        return item;
    }

    /// <summary>With <paramref name="media"/>, every image as Media RSS media:content (its size, thumbnail, credit and
    /// caption where known); the lead image as the enclosure when its type and length are known.</summary>
    private static void AddImages(SyndicationItem item, IReadOnlyList<FeedImage> images, bool media)
    {
        foreach (var image in media ? images : [])
        {
            item.ElementExtensions.Add(new XElement(
                XName.Get("content", MediaNamespace),
                new XAttribute("url", image.Url.AbsoluteUri),
                image.MediaType is { } mediaType ? new XAttribute("type", mediaType) : null,
                image.Length is { } fileSize ? new XAttribute("fileSize", fileSize) : null,
                new XAttribute("medium", "image"),
                image.Width is { } width ? new XAttribute("width", width) : null,
                image.Height is { } height ? new XAttribute("height", height) : null,
                // The image itself stands for its thumbnail: we keep no smaller copy.
                new XElement(XName.Get("thumbnail", MediaNamespace),
                    new XAttribute("url", image.Url.AbsoluteUri),
                    image.Width is { } thumbWidth ? new XAttribute("width", thumbWidth) : null,
                    image.Height is { } thumbHeight ? new XAttribute("height", thumbHeight) : null),
                image.Credit is { } credit ? new XElement(XName.Get("credit", MediaNamespace), credit) : null,
                image.Caption is { } caption
                    ? new XElement(XName.Get("description", MediaNamespace), new XAttribute("type", "plain"), caption)
                    : null));
        }
        // Only the lead image: RSS allows one enclosure per item, and a guessed length would mislead a podcast-style client.
        if (images.Count > 0 && images[0] is { MediaType: { } type, Length: { } length } lead)
        {
            item.Links.Add(SyndicationLink.CreateMediaEnclosureLink(lead.Url, type, length));
        }
    }

    private SyndicationItem CreateItem(IngestedEntry entry, FeedFormat format)
    {
        var item = new SyndicationItem
        {
            Id = RepublishedId(entry),
            Title = new TextSyndicationContent(Clean(entry.Title ?? entry.Link ?? "(không có tiêu đề)")),
            PublishDate = site.Local(RelatedFeedDates.Published(entry)),
        };
        if (FeedUris.Http(entry.Link) is { } link)
        {
            item.Links.Add(SyndicationLink.CreateAlternateLink(link, "text/html"));
        }
        foreach (var category in entry.Categories)
        {
            item.Categories.Add(new SyndicationCategory(Clean(category)));
        }
        var enclosures = format == FeedFormat.Rss ? entry.Enclosures.Take(1) : entry.Enclosures;
        foreach (var enclosure in enclosures)
        {
            if (FeedUris.Http(enclosure.Url) is { } url)
            {
                item.Links.Add(SyndicationLink.CreateMediaEnclosureLink(url, enclosure.Type ?? "application/octet-stream", enclosure.Length ?? 0));
            }
        }
        var sourceTitle = Clean(entry.SourceTitle ?? new Uri(entry.SourceUrl).Host);
        if (format == FeedFormat.Rss)
        {
            // RSS has no related links: the other outlets' copies are named in the text a reader shows.
            var copies = CopiesHtml(entry);
            if (entry.SummaryHtml is { } summary || copies.Length > 0)
            {
                item.Summary = new TextSyndicationContent(Clean((entry.SummaryHtml ?? "") + copies));
            }
            if (entry.ContentHtml is { } content)
            {
                item.ElementExtensions.Add(new XElement(XName.Get("encoded", ContentNamespace), Clean(content + copies)));
            }
            foreach (var author in entry.Authors)
            {
                item.ElementExtensions.Add(new XElement(XName.Get("creator", DublinCoreNamespace), Clean(author)));
            }
            item.ElementExtensions.Add(new XElement("source", new XAttribute("url", entry.SourceUrl), sourceTitle));
        }
        else
        {
            item.LastUpdatedTime = site.Local(RelatedFeedDates.Updated(entry));
            if (entry.SummaryHtml is { } summary)
            {
                item.Summary = new TextSyndicationContent(Clean(summary), TextSyndicationContentKind.Html);
            }
            if (entry.ContentHtml is { } content)
            {
                item.Content = new TextSyndicationContent(Clean(content), TextSyndicationContentKind.Html);
            }
            foreach (var author in entry.Authors)
            {
                item.Authors.Add(new SyndicationPerson(null, Clean(author), null));
            }
            // We keep no update time of the source feed; the entry's own is a true lower bound and keeps output byte-stable.
            var source = new SyndicationFeed
            {
                Id = entry.SourceUrl,
                Title = new TextSyndicationContent(sourceTitle),
                LastUpdatedTime = site.Local(RelatedFeedDates.Updated(entry)),
            };
            source.Links.Add(SyndicationLink.CreateSelfLink(new Uri(entry.SourceUrl)));
            if (FeedUris.Http(entry.SourceSiteUrl) is { } siteUri)
            {
                source.Links.Add(SyndicationLink.CreateAlternateLink(siteUri));
            }
            item.SourceFeed = source;
            foreach (var copy in entry.OtherCopies)
            {
                if (FeedUris.Http(copy.Link) is { } copyLink)
                {
                    item.Links.Add(new SyndicationLink(copyLink, "related", Clean($"{copy.Outlet}: {copy.Title ?? copy.Link}"), "text/html", 0));
                }
            }
        }
        return item;
    }

    /// <summary>"Cùng tin: Outlet A, Outlet B" with a link to each copy, escaped; empty when the story has one copy.</summary>
    internal static string CopiesHtml(IngestedEntry entry)
    {
        if (entry.OtherCopies.Count == 0)
        {
            return "";
        }
        var names = entry.OtherCopies.Select(copy => FeedUris.Http(copy.Link) is { } link
            ? $"<a href=\"{Html.Escape(link.AbsoluteUri)}\">{Html.Escape(copy.Outlet)}</a>"
            : Html.Escape(copy.Outlet));
        return $"\n<p>Cùng tin: {string.Join(", ", names)}</p>";
    }

    private Uri Absolute(Uri uri) => uri.IsAbsoluteUri ? uri : new Uri(site.BaseUrl, uri);

    /// <summary>A republished entry keeps its publisher's id when that is a URI, as Atom asks; else its link, else ours.</summary>
    internal static string RepublishedId(IngestedEntry entry) =>
        entry.OriginalId is { } id && Uri.TryCreate(id, UriKind.Absolute, out _) ? id
        : entry.Link ?? StableIds.Urn(entry.StableId);

    private const int ExcerptLength = 280;

    /// <summary>The body as one line of plain text, cut at a word near <see cref="ExcerptLength"/> characters.</summary>
    public static string? Excerpt(string bodyHtml)
    {
        var text = Syndication.Core.Ingestion.Normalising.PlainText.FromMarkup(bodyHtml);
        if (text is null || text.Length <= ExcerptLength)
        {
            return text;
        }
        var cut = text.LastIndexOf(' ', ExcerptLength);
        return text[..(cut > 0 ? cut : ExcerptLength)] + "…";
    }

    /// <summary>The full text a reader sees: the correction note first when there is one, the lead set apart, then
    /// the body with its figures.</summary>
    public static string ContentHtml(Article article, Site site) => ContentHtml(article, site, ItemStyle.Public with { FullText = true });

    /// <summary>The full text as a partner's profile has it: without figures when it takes no images, with its attribution.</summary>
    internal static string ContentHtml(Article article, Site site, ItemStyle style)
    {
        var body = style.Images ? article.BodyHtml : ImagelessHtml.Of(article.BodyHtml);
        return CorrectionHtml(article, site) + (article.Lead is { Length: > 0 } lead
            ? $"<p><strong>{Html.Escape(lead)}</strong></p>\n{body}"
            : body) + style.AttributionHtml;
    }

    /// <summary>What a lead-only feed carries as HTML for an article with a correction: the note, then the summary.</summary>
    internal static string LeadContentHtml(Article article, Site site, string? summary) =>
        CorrectionHtml(article, site) + (summary is null ? "" : $"<p>{Html.Escape(summary)}</p>");

    private static string CorrectionHtml(Article article, Site site) =>
        article.Correction is { } correction ? CorrectionNote.Html(site, correction) + "\n" : "";

    private static void DeclareNamespace(SyndicationFeed feed, string prefix, string uri) =>
        feed.AttributeExtensions.Add(new XmlQualifiedName(prefix, "http://www.w3.org/2000/xmlns/"), uri);

    private static string Clean(string text) => XmlChars.Strip(text);
}
