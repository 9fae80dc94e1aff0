using System.Text;
using Syndication.Core.Ingestion.Decoding;

namespace Syndication.Core.Ingestion.Parsing;

/// <summary>Tells XML from JSON by content, and rejects what is plainly neither (HTML pages, empty or binary bodies).</summary>
internal static class DocumentSniffer
{
    // A feed's root is near the top; junk before it (a PHP warning) is a few hundred bytes at most.
    private const int LookAhead = 4096;

    private static readonly string[] HtmlStarts = ["<!doctype html", "<html", "<head", "<body"];

    private static readonly string[] FeedMarkers = ["<?xml", "<rss", "<feed", "<rdf:RDF", "<RDF"];

    /// <summary>What the text is, from its start (<see cref="DecodedText.Head"/>): all of it only behind a head's worth of whitespace.</summary>
    public static DocumentKind Sniff(DecodedText text)
    {
        var head = text.Head;
        return Sniff(LeadingWhitespace(head) + LookAhead > head.Length && head.Length == DecodedText.HeadLength ? text.Span : head);
    }

    private static DocumentKind Sniff(ReadOnlySpan<char> text)
    {
        var start = LeadingWhitespace(text);
        if (start == text.Length)
        {
            throw new FeedParseException("The body is empty (only whitespace): no feed to parse.");
        }
        var rest = text[start..];
        switch (rest[0])
        {
            case '{':
                return DocumentKind.Json;
            case '[':
                throw new FeedParseException("A JSON array, not a JSON Feed (which is a JSON object with a version).");
            case '<':
                foreach (var html in HtmlStarts)
                {
                    if (rest.StartsWith(html, StringComparison.OrdinalIgnoreCase))
                    {
                        throw new FeedParseException($"An HTML page, not a feed (it starts with \"{Preview(rest)}\").");
                    }
                }
                return DocumentKind.Xml;
        }
        var head = rest[..Math.Min(rest.Length, LookAhead)];
        foreach (var marker in FeedMarkers)
        {
            if (head.Contains(marker, StringComparison.Ordinal))
            {
                return DocumentKind.Xml;
            }
        }
        throw new FeedParseException($"Not a feed: neither XML nor JSON (it starts with \"{Preview(rest)}\").");
    }

    private static int LeadingWhitespace(ReadOnlySpan<char> text)
    {
        var start = 0;
        while (start < text.Length && (char.IsWhiteSpace(text[start]) || text[start] == '\uFEFF'))
        {
            start++;
        }
        return start;
    }

    private static string Preview(ReadOnlySpan<char> text)
    {
        var preview = new StringBuilder(24);
        foreach (var c in text[..Math.Min(text.Length, 24)])
        {
            preview.Append(char.IsControl(c) || char.IsSurrogate(c) ? '?' : c);
        }
        return preview.ToString();
    }
}
