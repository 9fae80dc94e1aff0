using System.Text.Encodings.Web;
using System.Text.Json;
using Syndication.Core.Articles;
using Syndication.Core.Ingestion.Normalising;
using Syndication.Core.Ingestion.Sources;
using Syndication.Core.Text;

namespace Syndication.Core.Publishing.Rendering;

/// <summary>Writes a feed document as JSON Feed 1.1 with the same ids, dates, text and images as the RSS and Atom feeds.</summary>
internal sealed class JsonFeedWriter(Site site)
{
    public const string Version = "https://jsonfeed.org/version/1.1";

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        // Vietnamese stays readable: the feed is a document of its own, never pasted into HTML, so "<" and "&" may stay raw.
        // The relaxed encoder still escapes U+2028/U+2029 and controls, so the output is also a valid JavaScript literal.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The name of our extension object (JSON Feed extensions start with "_"), documented in docs/partners.md.</summary>
    public const string Extension = "_syndication";

    public byte[] Write(FeedDocument document) =>
        Write(document.Title, document.Description, document.SelfPath, document.AlternatePath, document.Links, json =>
        {
            foreach (var article in document.Articles)
            {
                WriteItem(json, article, ItemStyle.Of(document));
            }
        }, document.Deleted);

    public byte[] Write(RelatedFeedDocument document) =>
        Write(document.Title, document.Description, document.SelfPath, document.AlternatePath, document.Links, json =>
        {
            foreach (var entry in document.Entries)
            {
                WriteItem(json, entry);
            }
        });

    public byte[] Write(SearchFeedDocument document) =>
        Write(document.Title, document.Description, document.SelfPath, document.AlternatePath, [], json =>
        {
            foreach (var item in document.Items)
            {
                if (item.Article is { } article)
                {
                    WriteItem(json, article, ItemStyle.Public);
                }
                else
                {
                    WriteItem(json, item.Entry!);
                }
            }
        });

    private byte[] Write(
        string title, string description, string selfPath, string alternatePath, IReadOnlyList<FeedLink> links, Action<Utf8JsonWriter> writeItems,
        IReadOnlyList<DeletedArticle>? deleted = null)
    {
        using var buffer = new ChunkedBufferStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("version", Version);
            json.WriteString("title", Clean(title));
            json.WriteString("home_page_url", site.Url(alternatePath).AbsoluteUri);
            json.WriteString("feed_url", site.Url(selfPath).AbsoluteUri);
            json.WriteString("description", Clean(description));
            if (site.Icons is { } icons)
            {
                json.WriteString("icon", site.Url(icons.Icon).AbsoluteUri);
                json.WriteString("favicon", site.Url(icons.Favicon).AbsoluteUri);
            }
            // JSON Feed pages forward only; first/previous/last and the RFC 5005 archive links have no counterpart.
            if (links.FirstOrDefault(link => link.Relation == "next") is { } next)
            {
                json.WriteString("next_url", FeedUris.Of(site, next).AbsoluteUri);
            }
            json.WriteString("language", site.Language);
            // The newspaper is the feed's author, so items without a byline still have one.
            json.WriteStartArray("authors");
            json.WriteStartObject();
            json.WriteString("name", Clean(site.Name));
            json.WriteString("url", site.BaseUrl.AbsoluteUri);
            json.WriteEndObject();
            json.WriteEndArray();
            var hubs = links.Where(link => link.Relation == "hub").ToList();
            if (hubs.Count > 0)
            {
                json.WriteStartArray("hubs");
                foreach (var hub in hubs)
                {
                    json.WriteStartObject();
                    json.WriteString("type", "WebSub");
                    json.WriteString("url", FeedUris.Of(site, hub).AbsoluteUri);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
            }
            json.WriteStartArray("items");
            writeItems(json);
            json.WriteEndArray();
            if (deleted is { Count: > 0 })
            {
                WriteDeleted(json, deleted);
            }
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The JSON Feed counterpart of RFC 6721 tombstones: the ids of items withdrawn from the feed, when and why.</summary>
    private void WriteDeleted(Utf8JsonWriter json, IReadOnlyList<DeletedArticle> deleted)
    {
        json.WriteStartObject(Extension);
        json.WriteStartArray("deleted_items");
        foreach (var item in deleted)
        {
            json.WriteStartObject();
            json.WriteString("id", StableIds.Urn(item.StableId));
            json.WriteString("url", site.ArticleUrl(item.Slug).AbsoluteUri);
            json.WriteString("date_published", Rfc3339(item.Published));
            json.WriteString("date_deleted", Rfc3339(item.Deleted));
            if (item.Comment is { } comment && Clean(comment) is { Length: > 0 } text)
            {
                json.WriteString("comment", text);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private void WriteItem(Utf8JsonWriter json, Article article, ItemStyle style)
    {
        var fullText = style.FullText;
        var images = style.ImagesOf(article);
        // Plain text has no paragraphs to set the attribution apart: a blank line does.
        var attribution = style.Attribution is { Length: > 0 } line ? "\n\n" + line : "";
        json.WriteStartObject();
        json.WriteString("id", StableIds.Urn(article.StableId));
        json.WriteString("url", site.ArticleUrl(article.Slug).AbsoluteUri);
        json.WriteString("title", Clean(article.Title));
        if (article.Lead is { } lead)
        {
            json.WriteString("summary", Clean(lead));
        }
        if (fullText)
        {
            json.WriteString("content_html", Clean(FeedRenderer.ContentHtml(article, site, style)));
        }
        else if (article.Correction is { } correction)
        {
            json.WriteString("content_text", Clean(CorrectionNote.Text(site, correction) + "\n\n" + (article.Lead ?? FeedRenderer.Excerpt(article.BodyHtml) ?? "") + attribution));
        }
        else
        {
            // An item needs content_html or content_text: public feeds give the lead, or the start of the body.
            json.WriteString("content_text", Clean((article.Lead ?? FeedRenderer.Excerpt(article.BodyHtml) ?? "") + attribution));
        }
        if (images.Count > 0)
        {
            json.WriteString("image", images[0].Url.AbsoluteUri);
        }
        if (article.EmbargoedUntil is null)
        {
            json.WriteString("date_published", Rfc3339(article.Published));
        }
        json.WriteString("date_modified", Rfc3339(article.Updated));
        WriteAuthors(json, article.Authors);
        WriteTags(json, [article.Section.Name, .. article.Tags]);
        // An attachment needs a mime_type; images of unknown type stay in the HTML content and the image field.
        WriteAttachments(json, images.Where(image => image.MediaType is not null).Select(image => (image.Url, image.MediaType!, image.Length)));
        if (article.EmbargoedUntil is not null || article.Correction is not null)
        {
            json.WriteStartObject(Extension);
            if (article.EmbargoedUntil is { } release)
            {
                // Not published yet (only partners with the embargo scope see it): when it may be.
                json.WriteString("embargoed_until", Rfc3339(release));
            }
            if (article.Correction is { } note)
            {
                json.WriteStartObject("correction");
                json.WriteString("text", Clean(note.Text));
                if (note.Time is { } corrected)
                {
                    json.WriteString("date_corrected", Rfc3339(corrected));
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private void WriteItem(Utf8JsonWriter json, IngestedEntry entry)
    {
        var enclosures = entry.Enclosures
            .Select(enclosure => (Url: FeedUris.Http(enclosure.Url), enclosure.Type, enclosure.Length))
            .Where(enclosure => enclosure.Url is not null)
            .ToList();
        var title = Clean(entry.Title ?? entry.Link ?? "(không có tiêu đề)");
        json.WriteStartObject();
        json.WriteString("id", FeedRenderer.RepublishedId(entry));
        if (FeedUris.Http(entry.Link) is { } link)
        {
            json.WriteString("url", link.AbsoluteUri);
        }
        json.WriteString("title", title);
        // JSON Feed's summary is plain text; the publisher's is HTML.
        if (PlainText.FromMarkup(entry.SummaryHtml) is { } summary)
        {
            json.WriteString("summary", summary);
        }
        if ((entry.ContentHtml ?? entry.SummaryHtml) is { } html)
        {
            json.WriteString("content_html", Clean(html));
        }
        else
        {
            // An item must carry content_html or content_text; the title is all we truly have.
            json.WriteString("content_text", title);
        }
        if (enclosures.FirstOrDefault(enclosure => enclosure.Type?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true) is { Url: { } image })
        {
            json.WriteString("image", image.AbsoluteUri);
        }
        json.WriteString("date_published", Rfc3339(RelatedFeedDates.Published(entry)));
        json.WriteString("date_modified", Rfc3339(RelatedFeedDates.Updated(entry)));
        WriteAuthors(json, entry.Authors);
        WriteTags(json, entry.Categories);
        // Atom names the type of an enclosure it does not know the same way.
        WriteAttachments(json, enclosures.Select(enclosure => (enclosure.Url!, enclosure.Type ?? "application/octet-stream", enclosure.Length)));
        // JSON Feed has no <source>; an extension object (a key starting with "_") names the publisher.
        json.WriteStartObject("_source");
        json.WriteString("title", Clean(entry.SourceTitle ?? new Uri(entry.SourceUrl).Host));
        json.WriteString("url", entry.SourceUrl);
        if (FeedUris.Http(entry.SourceSiteUrl) is { } home)
        {
            json.WriteString("home_page_url", home.AbsoluteUri);
        }
        json.WriteEndObject();
        WriteCopies(json, entry);
        json.WriteEndObject();
    }

    /// <summary>The story's other copies as the documented extension object (docs/stories.md).</summary>
    private void WriteCopies(Utf8JsonWriter json, IngestedEntry entry)
    {
        if (entry.OtherCopies.Count == 0)
        {
            return;
        }
        json.WriteStartObject("_syndication");
        json.WriteStartArray("copies");
        foreach (var copy in entry.OtherCopies)
        {
            json.WriteStartObject();
            json.WriteString("source", Clean(copy.Outlet));
            if (FeedUris.Http(copy.Link) is { } link)
            {
                json.WriteString("url", link.AbsoluteUri);
            }
            if (copy.Title is { } title)
            {
                json.WriteString("title", Clean(title));
            }
            json.WriteString("date_published", Rfc3339(copy.Published));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteAuthors(Utf8JsonWriter json, IReadOnlyList<string> authors)
    {
        if (authors.Count == 0)
        {
            return;
        }
        json.WriteStartArray("authors");
        foreach (var author in authors)
        {
            json.WriteStartObject();
            json.WriteString("name", Clean(author));
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteTags(Utf8JsonWriter json, IReadOnlyList<string> tags)
    {
        if (tags.Count == 0)
        {
            return;
        }
        json.WriteStartArray("tags");
        foreach (var tag in tags)
        {
            json.WriteStringValue(Clean(tag));
        }
        json.WriteEndArray();
    }

    private static void WriteAttachments(Utf8JsonWriter json, IEnumerable<(Uri Url, string MediaType, long? Length)> attachments)
    {
        var started = false;
        foreach (var (url, mediaType, length) in attachments)
        {
            if (!started)
            {
                json.WriteStartArray("attachments");
                started = true;
            }
            // No title: attachments sharing a title count as one item in several formats, and captions can repeat.
            json.WriteStartObject();
            json.WriteString("url", url.AbsoluteUri);
            json.WriteString("mime_type", Clean(mediaType));
            if (length is > 0)
            {
                json.WriteNumber("size_in_bytes", length.Value);
            }
            json.WriteEndObject();
        }
        if (started)
        {
            json.WriteEndArray();
        }
    }

    /// <summary>RFC 3339 in the archive's offset, exactly as the Atom formatter writes it.</summary>
    private string Rfc3339(DateTimeOffset time) => Rendering.Rfc3339.Format(site, time);

    // Also keeps lone surrogates, which Utf8JsonWriter refuses, out of the writer.
    private static string Clean(string text) => XmlChars.Strip(text);
}
