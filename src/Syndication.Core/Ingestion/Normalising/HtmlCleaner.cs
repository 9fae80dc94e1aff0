using System.Runtime.InteropServices;
using Ganss.Xss;
using Syndication.Core.Text;

namespace Syndication.Core.Ingestion.Normalising;

/// <summary>Sanitises feed HTML to an allowlist, resolving relative URLs; one shared sanitiser, as building it is costly.</summary>
internal static class HtmlCleaner
{
    private static readonly HashSet<string> DroppedWithContent = new(HtmlAllowlist.DroppedWithContent, StringComparer.OrdinalIgnoreCase);

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>Clean HTML, or null when nothing visible is left.</summary>
    public static string? Clean(string? html, Uri? baseUri)
    {
        TryClean(html, baseUri, baseKnown: true, out var cleaned);
        return cleaned;
    }

    /// <summary>
    /// As <see cref="Clean"/> when the result is the same whatever the base URL: plain text, or HTML the fast path writes
    /// with no relative URL in it; false (and nothing done) when the result must wait for the base.
    /// </summary>
    public static bool TryCleanWithoutBase(string html, out string? cleaned) => TryCleanWithoutBase(html.AsMemory(), out cleaned);

    /// <summary>As above, for characters that need not be a string: one is made only when the base must be waited for.</summary>
    public static bool TryCleanWithoutBase(ReadOnlyMemory<char> html, out string? cleaned) => TryClean(html, null, baseKnown: false, out cleaned);

    private static bool TryClean(string? html, Uri? baseUri, bool baseKnown, out string? cleaned) =>
        TryClean(html.AsMemory(), baseUri, baseKnown, out cleaned);

    /// <summary>As the cleaning above, but every character check made on its own, without <see cref="OrdinaryCharacters"/>'
    /// one pass: what that pass must not change (for tests).</summary>
    internal static bool TryCleanCheckingEachApart(string html, Uri? baseUri, bool baseKnown, out string? cleaned) =>
        TryClean(html.AsMemory(), baseUri, baseKnown, out cleaned, screen: false);

    private static bool TryClean(ReadOnlyMemory<char> html, Uri? baseUri, bool baseKnown, out string? cleaned, bool screen = true)
    {
        cleaned = null;
        if (html.Span.IsWhiteSpace())
        {
            return true;
        }
        // One pass over the characters answers the checks for forbidden characters, parser rewrites and NFC for
        // nearly all text; any other character takes each check on its own.
        var ordinary = screen && OrdinaryCharacters.AreAll(html.Span);
        // Characters XML forbids are rare (the reader rejects them); stripping them needs a string.
        var stripped = !ordinary && XmlChars.ContainsInvalid(html.Span) ? XmlChars.Strip(html.ToString()).AsMemory() : html;
        var trimmed = stripped.Span.Trim();
        string result;
        // Whether the result is still made of ordinary characters only, so that it is in NFC as it stands.
        bool ordinaryResult;
        if (!trimmed.Contains('<'))
        {
            // Plain text needs no HTML parser: the common short description stays cheap.
            var text = Trimmed(stripped);
            var decodes = text.Contains('&', StringComparison.Ordinal);
            result = decodes ? Html.Escape(HtmlEntities.Decode(text)) : text;
            ordinaryResult = ordinary && !decodes;
        }
        else
        {
            // Most feed HTML is already within the allowlist; parsing it into a DOM only to write it back is the cost.
            // The fast path reads the trimmed range in place: a trimmed copy of every description is waste.
            var start = stripped.Length - stripped.Span.TrimStart().Length;
            var written = AllowlistedHtml.TryWrite(stripped, start, trimmed.Length, baseUri, baseKnown, ordinary, out var writesOrdinary);
            ordinaryResult = written is not null && writesOrdinary;
            if (written is null && !baseKnown)
            {
                // The sanitiser resolves relative URLs too: it needs the base.
                return false;
            }
            result = (written ?? SanitizeShallow(Trimmed(stripped), baseUri)).Trim();
            if (!HasVisibleContent(result))
            {
                return true;
            }
        }
        cleaned = result.Length == 0 ? null : ordinaryResult ? result : Nfc.Normalize(result);
        return true;
    }

    /// <summary>The trimmed text as a string: the same string when it is one already and there is nothing to trim.</summary>
    private static string Trimmed(ReadOnlyMemory<char> text)
    {
        var trimmed = text.Span.Trim();
        return trimmed.Length == text.Length && MemoryMarshal.TryGetString(text, out var whole, out _, out var length) && length == whole.Length
            ? whole
            : trimmed.ToString();
    }

    /// <summary>Deeper than this, HTML is no article's markup but an attack on the parser, whose time grows with the square of the depth.</summary>
    internal const int MaxDepth = 1_000;

    /// <summary>
    /// The sanitiser's output, or for markup nested deeper than <see cref="MaxDepth"/> its text alone: 20,000 nested
    /// elements took the sanitiser 5.6 s and 200,000 would take minutes of one poll's CPU.
    /// </summary>
    private static string SanitizeShallow(string html, Uri? baseUri) =>
        NestingDepth(html) > MaxDepth ? Html.Escape(PlainText.FromMarkup(html) ?? string.Empty) : Sanitize(html, baseUri);

    /// <summary>How deep the elements nest at most, counting start and end tags (void elements and "/&gt;" open nothing).</summary>
    internal static int NestingDepth(ReadOnlySpan<char> html)
    {
        int depth = 0, deepest = 0;
        for (var i = html.IndexOf('<'); i >= 0 && i < html.Length - 1; i = NextTag(html, i + 1))
        {
            if (html[i + 1] == '/')
            {
                depth = Math.Max(0, depth - 1);
                continue;
            }
            var nameEnd = i + 1;
            while (nameEnd < html.Length && char.IsAsciiLetterOrDigit(html[nameEnd]))
            {
                nameEnd++;
            }
            if (nameEnd == i + 1 || VoidElements.Contains(html[(i + 1)..nameEnd]))
            {
                continue;
            }
            var close = html[nameEnd..].IndexOf('>');
            if (close > 0 && html[nameEnd + close - 1] == '/')
            {
                continue;
            }
            deepest = Math.Max(deepest, ++depth);
        }
        return deepest;
    }

    private static int NextTag(ReadOnlySpan<char> html, int from)
    {
        var next = html[from..].IndexOf('<');
        return next < 0 ? -1 : from + next;
    }

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> VoidElements = new HashSet<string>(
        ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"], StringComparer.OrdinalIgnoreCase)
        .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>HtmlSanitizer's output, untrimmed: what <see cref="AllowlistedHtml"/> must equal whenever it accepts.</summary>
    internal static string Sanitize(string html, Uri? baseUri) => Sanitizer.Sanitize(html, baseUri?.AbsoluteUri ?? string.Empty);

    private static bool HasVisibleContent(string html)
    {
        if (html.Length == 0)
        {
            return false;
        }
        if (html.Contains("<img", StringComparison.Ordinal) && html.Contains(" src=", StringComparison.Ordinal))
        {
            return true;
        }
        var text = PlainText.FromMarkup(html);
        return !string.IsNullOrWhiteSpace(text);
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(HtmlAllowlist.Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(HtmlAllowlist.Attributes, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(HtmlAllowlist.Schemes, StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(HtmlAllowlist.UrlAttributes, StringComparer.OrdinalIgnoreCase),
            AllowDataAttributes = false,
        };
        var sanitizer = new HtmlSanitizer(options) { KeepChildNodes = true };
        sanitizer.RemovingTag += (_, e) =>
        {
            if (DroppedWithContent.Contains(e.Tag.LocalName))
            {
                e.Tag.Remove();
                e.Cancel = true;
            }
        };
        return sanitizer;
    }
}
