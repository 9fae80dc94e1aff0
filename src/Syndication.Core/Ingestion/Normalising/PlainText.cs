using System.Buffers;
using System.Text;
using Syndication.Core.Text;

namespace Syndication.Core.Ingestion.Normalising;

/// <summary>Makes one-line plain text (titles, names, categories): tags stripped, entities decoded, whitespace collapsed, NFC.</summary>
internal static class PlainText
{
    private static readonly string[] BlockTags =
        ["br", "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "hr", "blockquote", "figure", "figcaption", "table"];

    /// <summary>For text that may hold markup or entities (RSS titles, Atom html titles).</summary>
    public static string? FromMarkup(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (text.Contains('<', StringComparison.Ordinal))
        {
            text = StripTags(text);
        }
        return FromText(HtmlEntities.Decode(text));
    }

    /// <summary>For text that is plain already (Atom text constructs, names).</summary>
    public static string? FromText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        // One pass answers for nearly all text whether characters XML forbids need stripping and whether NFC could
        // change it: collapsing only removes characters and adds spaces, so ordinary text stays ordinary.
        var ordinary = OrdinaryCharacters.AreAll(text);
        var collapsed = CollapseWhitespace(ordinary ? text : XmlChars.Strip(text));
        // Only no-break or other spaces left: nothing a reader could read.
        return collapsed.AsSpan().Trim().IsEmpty ? null : ordinary ? collapsed : Nfc.Normalize(collapsed);
    }

    /// <summary>
    /// Trims ordinary whitespace and turns each run of it inside into one space. Ordinary is HTML's ASCII whitespace
    /// (space, tab, line feed, form feed, carriage return) — what markup and line wrapping put between words. A
    /// no-break space ("Tom&amp;nbsp;&amp;amp;&amp;nbsp;Jerry", "100&amp;nbsp;km") or any other space is the publisher's
    /// choice and stays as published.
    /// </summary>
    public static string CollapseWhitespace(string text)
    {
        var span = text.AsSpan().Trim(OrdinaryWhitespace);
        if (!NeedsCollapsing(span))
        {
            return span.Length == text.Length ? text : span.ToString();
        }
        var collapsed = new StringBuilder(span.Length);
        var pendingSpace = false;
        foreach (var c in span)
        {
            if (IsOrdinaryWhitespace(c))
            {
                pendingSpace = true;
                continue;
            }
            if (pendingSpace)
            {
                collapsed.Append(' ');
                pendingSpace = false;
            }
            collapsed.Append(c);
        }
        return collapsed.ToString();
    }

    private const string OrdinaryWhitespace = " \t\n\f\r";

    private static bool IsOrdinaryWhitespace(char c) => c is ' ' or '\t' or '\n' or '\f' or '\r';

    private static readonly SearchValues<char> WhitespaceButSpace = SearchValues.Create("\t\n\f\r");

    /// <summary>Whether any whitespace is other than single spaces: two vectorised searches, as nearly every title has none.</summary>
    private static bool NeedsCollapsing(ReadOnlySpan<char> text) =>
        text.ContainsAny(WhitespaceButSpace) || text.Contains("  ", StringComparison.Ordinal);

    /// <summary>Drops what looks like a tag or comment; a lone "&lt;" before a digit or space ("&lt; 5%") is text.</summary>
    private static string StripTags(string text)
    {
        var stripped = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c != '<' || i + 1 >= text.Length)
            {
                stripped.Append(c);
                i++;
                continue;
            }
            if (string.CompareOrdinal(text, i, "<![CDATA[", 0, 9) == 0)
            {
                // A title wrapped in CDATA twice arrives as literal CDATA markers around the real text.
                var end = text.IndexOf("]]>", i + 9, StringComparison.Ordinal);
                var stop = end < 0 ? text.Length : end;
                stripped.Append(text, i + 9, stop - i - 9);
                i = end < 0 ? text.Length : end + 3;
                continue;
            }
            if (string.CompareOrdinal(text, i, "<!--", 0, 4) == 0)
            {
                var end = text.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 3;
                continue;
            }
            if (StartsWithIgnoreCase(text, i, "<script") || StartsWithIgnoreCase(text, i, "<style"))
            {
                // Their content is code, not words of the title.
                var closing = text.IndexOf("</", i + 1, StringComparison.Ordinal);
                var closeEnd = closing < 0 ? -1 : text.IndexOf('>', closing);
                i = closeEnd < 0 ? text.Length : closeEnd + 1;
                continue;
            }
            var next = text[i + 1];
            var close = text.IndexOf('>', i + 1);
            if (close < 0 || !(char.IsAsciiLetter(next) || next is '/' or '!' or '?'))
            {
                stripped.Append(c);
                i++;
                continue;
            }
            if (IsBlockTag(text.AsSpan(i + 1, close - i - 1)))
            {
                // A block tag separates words ("Tin<br>mới"); an inline one ("<b>Giá</b>") does not.
                stripped.Append(' ');
            }
            i = close + 1;
        }
        return stripped.ToString();
    }

    private static bool StartsWithIgnoreCase(string text, int i, string value) =>
        i + value.Length <= text.Length && text.AsSpan(i, value.Length).Equals(value, StringComparison.OrdinalIgnoreCase);

    private static bool IsBlockTag(ReadOnlySpan<char> tag)
    {
        tag = tag.TrimStart('/');
        var end = tag.IndexOfAny(" \t\r\n/");
        var name = end < 0 ? tag : tag[..end];
        foreach (var block in BlockTags)
        {
            if (name.Equals(block, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
