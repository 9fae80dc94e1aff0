namespace Syndication.Core.Ingestion.Normalising;

/// <summary>
/// The longest each stored field of an entry may be. A source's feed is read up to the fetch limit, but no reader needs a
/// megabyte title, and what is stored is republished in the related feeds and pages: text longer than its limit is cut
/// at a character boundary and marked with "…", HTML is cut and cleaned again (so its tags stay balanced), a link
/// longer than its limit is dropped (a cut address leads nowhere), and names beyond their count are left out.
/// </summary>
public static class EntryLimits
{
    /// <summary>
    /// Entries kept of one feed document, in the document's order (newest first in nearly every feed): a poll stores
    /// its entries in one transaction, and 20,000 of them held the write lock for seconds.
    /// </summary>
    public const int Entries = 2_000;

    public const int Title = 1_000;

    public const int Id = 1_000;

    public const int Link = 2_048;

    public const int Name = 200;

    public const int Authors = 20;

    public const int Categories = 50;

    public const int Enclosures = 20;

    public const int SummaryHtml = 64 * 1024;

    public const int ContentHtml = 512 * 1024;

    /// <summary>How much of a raw HTML field is cleaned at all: twice the content's limit (cleaning removes markup).</summary>
    internal const int RawHtml = 2 * ContentHtml;

    /// <summary>The raw HTML, or as much as is cleaned at all: cut before the last tag that starts within <see cref="RawHtml"/>.</summary>
    internal static ReadOnlyMemory<char> RawHtmlOf(ReadOnlyMemory<char> html)
    {
        if (html.Length <= RawHtml)
        {
            return html;
        }
        var lastTag = html.Span[..RawHtml].LastIndexOf('<');
        return html[..(lastTag > RawHtml / 2 ? lastTag : RawHtml)];
    }

    /// <summary>As <see cref="RawHtmlOf(ReadOnlyMemory{char})"/>, for a string: the same string when it is within the limit.</summary>
    internal static string RawHtmlOf(string html) => html.Length <= RawHtml ? html : RawHtmlOf(html.AsMemory()).ToString();

    /// <summary>How much of a raw title or name is made plain at all: stripping tags and entities shortens it at most so much.</summary>
    internal const int RawTextFactor = 8;

    /// <summary>The raw text, or as much of it as can end up in a field of <paramref name="limit"/> characters.</summary>
    internal static string? Raw(string? text, int limit) =>
        text is not null && text.Length > limit * RawTextFactor ? text[..(limit * RawTextFactor)] : text;

    internal static ParsedEntry Apply(ParsedEntry entry, Uri? baseUri)
    {
        // A null field fits (a lifted "null <= n" is false, which sent nearly every entry through the copy below).
        if ((entry.Title?.Length ?? 0) <= Title && (entry.Id?.Length ?? 0) <= Id && (entry.Link?.Length ?? 0) <= Link
            && (entry.Summary?.Length ?? 0) <= SummaryHtml && (entry.Content?.Length ?? 0) <= ContentHtml
            && entry.Authors.Count <= Authors && entry.Categories.Count <= Categories && entry.Enclosures.Count <= Enclosures
            && Fits(entry.Authors) && Fits(entry.Categories))
        {
            return entry;
        }
        return entry with
        {
            Id = Cut(entry.Id, Id),
            Link = entry.Link?.Length > Link ? null : entry.Link,
            Title = Cut(entry.Title, Title),
            Summary = CutHtml(entry.Summary, SummaryHtml, baseUri),
            Content = CutHtml(entry.Content, ContentHtml, baseUri),
            Authors = [.. entry.Authors.Take(Authors).Select(name => Cut(name, Name)!)],
            Categories = [.. entry.Categories.Take(Categories).Select(name => Cut(name, Name)!)],
            Enclosures = [.. entry.Enclosures.Where(enclosure => enclosure.Url.Length <= Link).Take(Enclosures)],
        };
    }

    private static bool Fits(IReadOnlyList<string> names)
    {
        foreach (var name in names)
        {
            if (name.Length > Name)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The text, or its first characters and "…" so that the whole is at most <paramref name="limit"/> long.</summary>
    public static string? Cut(string? text, int limit)
    {
        if (text is null || text.Length <= limit)
        {
            return text;
        }
        var length = limit - 1;
        // Never half a surrogate pair.
        if (char.IsHighSurrogate(text[length - 1]))
        {
            length--;
        }
        return string.Concat(text.AsSpan(0, length).TrimEnd(), "…");
    }

    private static string? CutHtml(string? html, int limit, Uri? baseUri)
    {
        if (html is null || html.Length <= limit)
        {
            return html;
        }
        // Cut before the last tag that starts inside the room, so no tag is cut in two; the cleaner closes what is
        // open, which may take it past the limit by a little: then cut again with less room.
        var room = limit - 1;
        for (var attempt = 0; attempt < 4 && room > 0; attempt++)
        {
            var end = html.LastIndexOf('<', room - 1);
            var cleaned = HtmlCleaner.Clean(Cut(html[..(end > 0 ? end : room)], room), baseUri);
            if (cleaned is null || cleaned.Length <= limit)
            {
                return cleaned;
            }
            room -= (cleaned.Length - limit) + 256;
        }
        return null;
    }
}
