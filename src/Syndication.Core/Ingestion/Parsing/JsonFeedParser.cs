using System.Text.Json;
using Syndication.Core.Ingestion.Normalising;

namespace Syndication.Core.Ingestion.Parsing;

/// <summary>Reads JSON Feed 1.0 and 1.1; a field of the wrong JSON type is treated as absent, never as an error.</summary>
internal static class JsonFeedParser
{
    private const string VersionPrefix = "jsonfeed.org/version/";

    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    public static RawFeed Parse(string text) => Parse(() => JsonDocument.Parse(text, Options));

    /// <summary>
    /// From the body's own UTF-8 bytes, which the document reads in place: from text, JsonDocument first transcodes it
    /// into a copy of its own, and a 10 MB feed was then a 20 MB string and a 10 MB copy besides.
    /// </summary>
    public static RawFeed Parse(ReadOnlyMemory<byte> utf8) => Parse(() => JsonDocument.Parse(utf8, Options));

    private static RawFeed Parse(Func<JsonDocument> parse)
    {
        JsonDocument document;
        try
        {
            document = parse();
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line ? $" at line {line + 1}, position {exception.BytePositionInLine + 1}" : string.Empty;
            throw new FeedParseException($"Not valid JSON{where}: {exception.Message}", exception);
        }
        using (document)
        {
            return Read(document.RootElement);
        }
    }

    private static RawFeed Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FeedParseException("JSON, but not a JSON Feed: the document is not an object.");
        }
        var version = String(root, "version");
        var at = version?.IndexOf(VersionPrefix, StringComparison.OrdinalIgnoreCase) ?? -1;
        if (version is null || at < 0)
        {
            throw new FeedParseException(
                "JSON, but not a JSON Feed: no \"version\" of https://jsonfeed.org/version/1 or /1.1.");
        }
        var number = version[(at + VersionPrefix.Length)..].TrimEnd('/');
        var feed = new RawFeed
        {
            Format = number == "1" ? "jsonfeed1.0" : "jsonfeed1.1",
            Title = Text(String(root, "title"), TextKind.Html),
            Link = String(root, "home_page_url"),
            Description = Text(String(root, "description"), TextKind.Text),
            Language = String(root, "language"),
        };
        feed.Self = String(root, "feed_url");
        ReadHub(root, feed);
        ReadAuthors(root, feed.Authors);
        if (root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in items.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && feed.Entries.Count < EntryLimits.Entries)
                {
                    feed.Entries.Add(ReadItem(item));
                }
            }
        }
        return feed;
    }

    private static RawEntry ReadItem(JsonElement item)
    {
        var entry = new RawEntry
        {
            Id = String(item, "id") ?? Number(item, "id"),
            Link = String(item, "url") ?? String(item, "external_url"),
            Title = Text(String(item, "title"), TextKind.Html),
            Published = String(item, "date_published"),
            Updated = String(item, "date_modified"),
            Summary = Text(String(item, "summary"), TextKind.Text),
        };
        var html = String(item, "content_html");
        var text = String(item, "content_text");
        entry.Content = html is not null ? Text(html, TextKind.Html)
            : text is not null ? Text(HtmlText.Paragraphs(text), TextKind.Html)
            : null;
        ReadAuthors(item, entry.Authors);
        if (item.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array)
        {
            foreach (var tag in tags.EnumerateArray())
            {
                if (tag.ValueKind == JsonValueKind.String)
                {
                    RawValues.AddIfPresent(entry.Categories, tag.GetString());
                }
            }
        }
        if (item.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array)
        {
            foreach (var attachment in attachments.EnumerateArray())
            {
                if (attachment.ValueKind == JsonValueKind.Object)
                {
                    entry.Enclosures.Add(new RawEnclosure(
                        String(attachment, "url"), String(attachment, "mime_type"), Number(attachment, "size_in_bytes"), null));
                }
            }
        }
        return entry;
    }

    /// <summary>JSON Feed 1.1 "authors", or 1.0 "author"; both are accepted in either version.</summary>
    private static void ReadAuthors(JsonElement owner, List<string> names)
    {
        if (owner.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array)
        {
            foreach (var author in authors.EnumerateArray())
            {
                if (author.ValueKind == JsonValueKind.Object)
                {
                    RawValues.AddIfPresent(names, String(author, "name"));
                }
            }
        }
        if (names.Count == 0 && owner.TryGetProperty("author", out var single) && single.ValueKind == JsonValueKind.Object)
        {
            RawValues.AddIfPresent(names, String(single, "name"));
        }
    }

    // "hubs": [{ "type": "WebSub", "url": … }]; the first WebSub one (the type is compared loosely: "websub", "WebSub").
    private static void ReadHub(JsonElement root, RawFeed feed)
    {
        if (!root.TryGetProperty("hubs", out var hubs) || hubs.ValueKind != JsonValueKind.Array)
        {
            return;
        }
        foreach (var hub in hubs.EnumerateArray())
        {
            if (hub.ValueKind == JsonValueKind.Object && String(hub, "url") is { } url
                && (String(hub, "type") is not { } type || type.Trim().Equals("WebSub", StringComparison.OrdinalIgnoreCase)))
            {
                feed.Hub = url;
                return;
            }
        }
    }

    private static string? String(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Number(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetRawText() : null;

    private static RawText? Text(string? value, TextKind kind) =>
        string.IsNullOrWhiteSpace(value) ? null : new RawText(value, kind, null);
}
