using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using AngleSharp.Html;

namespace Syndication.Core.Ingestion.Normalising;

/// <summary>
/// The sanitiser's fast path: HTML that already keeps to <see cref="HtmlAllowlist"/>, well nested, is written exactly as
/// HtmlSanitizer (AngleSharp's HTML5 parser and serialiser) writes it; anything else is declined (null) for the sanitiser.
/// </summary>
/// <remarks>
/// It only ever accepts input whose HTML5 parse is the literal tree: no tag outside the allowlist, no comment, no
/// misnesting, no tag the parser would close or open implicitly. What it may change is what the sanitiser changes too:
/// attributes off the allowlist dropped, tag and attribute names lower-cased, quotes normalised, references decoded and
/// text re-escaped, relative URLs resolved. Unsure is declined: the sanitiser is always there to do the work.
/// </remarks>
internal static class AllowlistedHtml
{
    private const int MaxDepth = 64;

    // The names HTML keeps from before ';' was required ("amp", "copy", "not" …) are no longer than this.
    private const int MaxLegacyNameLength = 8;

    private static readonly SearchValues<char> TextStops = SearchValues.Create("<&>\u00a0");
    private static readonly SearchValues<char> AttributeEscapes = SearchValues.Create("&\u00a0\"<>");
    private static readonly SearchValues<char> UnquotedValueErrors = SearchValues.Create("\"'<=`");

    [ThreadStatic]
    private static HtmlOutput? t_output;

    [ThreadStatic]
    private static StringBuilder? t_value;

    [ThreadStatic]
    private static string[]? t_stack;

    [ThreadStatic]
    private static Uri? t_baseKey;

    [ThreadStatic]
    private static Uri? t_baseParsed;

    /// <summary>The sanitised HTML (not yet trimmed), or null when the sanitiser must do it.</summary>
    public static string? TryWrite(string html, Uri? baseUri) => TryWrite(html, 0, html.Length, baseUri);

    /// <summary>As <see cref="TryWrite(string, Uri)"/> for html[start..(start + length)], which must end where html
    /// does or before whitespace (a trimmed range), so that no character reference reads past it.</summary>
    public static string? TryWrite(string source, int start, int length, Uri? baseUri) => TryWrite(source, start, length, baseUri, baseKnown: true);

    /// <summary>As above; when the base is not known yet (<paramref name="baseKnown"/> false), a relative URL declines.</summary>
    public static string? TryWrite(string source, int start, int length, Uri? baseUri, bool baseKnown) =>
        TryWrite(source.AsMemory(), start, length, baseUri, baseKnown, ordinaryInput: false, out _);

    /// <summary>
    /// As above, for characters that may not be a string yet (a buffer the XML reader filled). With
    /// <paramref name="ordinaryInput"/> the caller has found the range made of <see cref="OrdinaryCharacters"/> alone;
    /// <paramref name="ordinaryOutput"/> then says whether the result is too (a decoded reference or a resolved URL may
    /// bring in others).
    /// </summary>
    public static string? TryWrite(ReadOnlyMemory<char> source, int start, int length, Uri? baseUri, bool baseKnown, bool ordinaryInput, out bool ordinaryOutput)
    {
        ordinaryOutput = false;
        var output = TryPieces(source, start, length, baseUri, baseKnown, ordinaryInput);
        if (output is null)
        {
            return null;
        }
        ordinaryOutput = ordinaryInput && OrdinaryCharacters.AreAll(output.Written);
        // Unchanged HTML that is a string already is that same string: no copy at all.
        var written = output.IsKept(0, source.Length) && MemoryMarshal.TryGetString(source, out var text, out _, out var whole)
            && whole == text.Length
                ? text
                : output.ToString(source);
        Release(output);
        return written;
    }

    /// <summary>The output as pieces of input (which the caller turns into a string, then releases), or null.</summary>
    private static HtmlOutput? TryPieces(ReadOnlyMemory<char> input, int start, int length, Uri? baseUri, bool baseKnown, bool ordinaryInput)
    {
        var html = input.Span[..(start + length)];
        if (!ordinaryInput && HasParserRewrites(html[start..]))
        {
            return null;
        }
        var output = t_output ?? new HtmlOutput();
        t_output = null;
        output.Clear();
        var stack = t_stack ??= new string[MaxDepth];
        var depth = 0;
        var i = start;
        while (i < html.Length)
        {
            var stop = html[i..].IndexOfAny(TextStops);
            if (stop < 0)
            {
                output.Keep(i, html.Length - i);
                break;
            }
            output.Keep(i, stop);
            i += stop;
            var accepted = html[i] switch
            {
                '<' => TryTag(html, ref i, baseUri, baseKnown, output, stack, ref depth),
                '&' => TryTextReference(html, ref i, output),
                _ => AppendText(output, html.Slice(i++, 1)),
            };
            if (!accepted)
            {
                Release(output);
                return null;
            }
        }
        while (depth > 0)
        {
            // The parser closes what is still open at the end, and nothing else happens there.
            output.Append("</").Append(stack[--depth]).Append('>');
        }
        return output;
    }

    private static bool TryTextReference(ReadOnlySpan<char> html, ref int i, HtmlOutput output)
    {
        if (!TryReference(html, ref i, out var text))
        {
            return false;
        }
        AppendText(output, text);
        return true;
    }

    private static bool TryTag(ReadOnlySpan<char> html, ref int i, Uri? baseUri, bool baseKnown, HtmlOutput output, string[] stack, ref int depth)
    {
        var next = i + 1 < html.Length ? html[i + 1] : '\0';
        if (char.IsAsciiLetter(next))
        {
            return TryStartTag(html, ref i, baseUri, baseKnown, output, stack, ref depth);
        }
        if (next is '/' or '!' or '?')
        {
            return next == '/' && TryEndTag(html, ref i, output, stack, ref depth);
        }
        // "<" before anything but a letter is text ("a < b").
        output.Append("&lt;");
        i++;
        return true;
    }

    private static bool TryEndTag(ReadOnlySpan<char> html, ref int i, HtmlOutput output, string[] stack, ref int depth)
    {
        var p = i + 2;
        if (p >= html.Length || !char.IsAsciiLetter(html[p]))
        {
            return false;
        }
        var name = ReadTagName(html, ref p);
        p = SkipWhitespace(html, p);
        // Only the end tag of the current element: any other one makes the parser close or reopen elements.
        if (name is null || p >= html.Length || html[p] != '>' || depth == 0 || stack[depth - 1] != name)
        {
            return false;
        }
        depth--;
        output.Append("</").Append(name).Append('>');
        i = p + 1;
        return true;
    }

    private static bool TryStartTag(ReadOnlySpan<char> html, ref int i, Uri? baseUri, bool baseKnown, HtmlOutput output, string[] stack, ref int depth)
    {
        var p = i + 1;
        var name = ReadTagName(html, ref p);
        if (name is null || !OpensAsWritten(name, stack, depth))
        {
            return false;
        }
        output.Append('<').Append(name);
        var seen = 0;
        var selfClosing = false;
        while (true)
        {
            p = SkipWhitespace(html, p);
            if (p >= html.Length)
            {
                return false;
            }
            if (html[p] == '>')
            {
                p++;
                break;
            }
            if (html[p] == '/')
            {
                if (p + 1 >= html.Length || html[p + 1] != '>')
                {
                    return false;
                }
                selfClosing = true;
                p += 2;
                break;
            }
            if (!TryAttribute(html, ref p, baseUri, baseKnown, output, ref seen))
            {
                return false;
            }
        }
        output.Append('>');
        var isVoid = name is "br" or "img" or "hr";
        if (selfClosing && !isVoid)
        {
            // "<p/>" opens a p the parser leaves open; not worth mirroring.
            return false;
        }
        if (!isVoid)
        {
            if (depth == MaxDepth || (name == "pre" && p < html.Length && html[p] is '\n' or '&'))
            {
                // The parser drops a line feed right after <pre>, and a reference may be one.
                return false;
            }
            stack[depth++] = name;
        }
        i = p;
        return true;
    }

    /// <summary>Whether the HTML5 tree builder inserts this start tag where it stands, closing nothing implicitly.</summary>
    private static bool OpensAsWritten(string name, string[] stack, int depth)
    {
        if (ClosesParagraph(name) && Contains(stack, depth, "p"))
        {
            return false;
        }
        if (name is "li" && HasOpenListItem(stack, depth, "li", "li"))
        {
            return false;
        }
        if (name is "dd" or "dt" && HasOpenListItem(stack, depth, "dd", "dt"))
        {
            return false;
        }
        if (IsHeading(name) && depth > 0 && IsHeading(stack[depth - 1]))
        {
            return false;
        }
        // A link inside a link closes the outer one (the adoption agency algorithm).
        return name != "a" || !Contains(stack, depth, "a");
    }

    private static bool ClosesParagraph(string name) => name is "p" or "div" or "figure" or "figcaption" or "ul" or "ol" or "dl"
        or "li" or "dd" or "dt" or "blockquote" or "pre" or "hr" || IsHeading(name);

    private static bool IsHeading(string name) => name is "h1" or "h2" or "h3" or "h4" or "h5" or "h6";

    // The parser's "special" elements (among those allowed) stop its search for an open list item; div and p do not.
    private static bool IsSpecial(string name) => name is "figure" or "figcaption" or "ul" or "ol" or "dl" or "li" or "dd" or "dt"
        or "blockquote" or "pre" || IsHeading(name);

    private static bool HasOpenListItem(string[] stack, int depth, string first, string second)
    {
        for (var d = depth - 1; d >= 0; d--)
        {
            var open = stack[d];
            if (open == first || open == second)
            {
                return true;
            }
            if (IsSpecial(open))
            {
                return false;
            }
        }
        return false;
    }

    private static bool Contains(string[] stack, int depth, string name)
    {
        for (var d = 0; d < depth; d++)
        {
            if (stack[d] == name)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The allowed tag's lower-case name, or null; p ends on whitespace, "/" or "&gt;", as the tokenizer's does.</summary>
    private static string? ReadTagName(ReadOnlySpan<char> html, ref int p)
    {
        var start = p;
        while (p < html.Length && !IsWhitespace(html[p]) && html[p] is not ('/' or '>'))
        {
            p++;
        }
        return HtmlAllowlist.FastPathTags.TryGetValue(html[start..p], out var name) ? name : null;
    }

    private static bool TryAttribute(ReadOnlySpan<char> html, ref int p, Uri? baseUri, bool baseKnown, HtmlOutput output, ref int seen)
    {
        var start = p;
        while (p < html.Length && (char.IsAsciiLetterOrDigit(html[p]) || html[p] is '-' or '_' or ':'))
        {
            p++;
        }
        if (p == start || p >= html.Length || !(IsWhitespace(html[p]) || html[p] is '/' or '>' or '='))
        {
            return false;
        }
        var allowed = HtmlAllowlist.AttributeIndexes.TryGetValue(html[start..p], out var index);
        var value = ReadOnlySpan<char>.Empty;
        var afterName = SkipWhitespace(html, p);
        if (afterName < html.Length && html[afterName] == '=')
        {
            p = SkipWhitespace(html, afterName + 1);
            if (!TryAttributeValue(html, ref p, out value))
            {
                return false;
            }
        }
        if (!allowed)
        {
            // Dropped, as the sanitiser drops it: an attribute never changes the tree.
            return true;
        }
        var name = HtmlAllowlist.Attributes[index];
        var bit = 1 << index;
        if ((seen & bit) != 0)
        {
            // The parser keeps the first of two; not worth mirroring.
            return false;
        }
        seen |= bit;
        return name is "href" or "src"
            ? TryAppendUrlAttribute(output, name, value, baseUri, baseKnown)
            : TryAppendAttribute(output, name, value);
    }

    /// <summary>The value with its references decoded; p moves past it.</summary>
    private static bool TryAttributeValue(ReadOnlySpan<char> html, scoped ref int p, out ReadOnlySpan<char> value)
    {
        value = default;
        if (p >= html.Length)
        {
            return false;
        }
        int start;
        int end;
        if (html[p] is '"' or '\'')
        {
            start = p + 1;
            end = html[start..].IndexOf(html[p]);
            if (end < 0)
            {
                return false;
            }
            end += start;
            p = end + 1;
            if (p < html.Length && !(IsWhitespace(html[p]) || html[p] is '/' or '>'))
            {
                return false;
            }
        }
        else
        {
            start = p;
            while (p < html.Length && !IsWhitespace(html[p]) && html[p] != '>')
            {
                p++;
            }
            end = p;
            if (html[start..end].ContainsAny(UnquotedValueErrors))
            {
                return false;
            }
        }
        var raw = html[start..end];
        if (!raw.Contains('&'))
        {
            value = raw;
            return true;
        }
        var decoded = t_value ??= new StringBuilder(256);
        decoded.Clear();
        var i = start;
        while (i < end)
        {
            var amp = html[i..end].IndexOf('&');
            if (amp < 0)
            {
                decoded.Append(html[i..end]);
                break;
            }
            amp += i;
            decoded.Append(html[i..amp]);
            i = amp;
            // No reference reads past the value: it ends at a quote, whitespace or ">", none of which a reference holds.
            if (!TryReference(html[..end], ref i, out var text))
            {
                return false;
            }
            decoded.Append(text);
        }
        value = decoded.ToString();
        return true;
    }

    private static bool TryAppendAttribute(HtmlOutput output, string name, ReadOnlySpan<char> value)
    {
        if (value.Contains("&{", StringComparison.Ordinal))
        {
            // The sanitiser removes such values (old Netscape "JavaScript includes").
            return false;
        }
        output.Append(' ').Append(name).Append("=\"");
        AppendEscaped(output, value, AttributeEscapes);
        output.Append('"');
        return true;
    }

    /// <summary>As HtmlSanitizer.SanitizeUrl: an allowed scheme kept as written, a relative URL resolved against the base.</summary>
    private static bool TryAppendUrlAttribute(HtmlOutput output, string name, ReadOnlySpan<char> value, Uri? baseUri, bool baseKnown)
    {
        var url = value.TrimStart();
        if (url.Contains("&#", StringComparison.Ordinal))
        {
            // The sanitiser also reads "&#58" as a scheme's colon.
            return false;
        }
        var stop = url.IndexOfAny(':', '/', '#');
        if (stop >= 0 && url[stop] == ':')
        {
            // A scheme outside the allowlist (javascript:, data:, vbscript: …) is the sanitiser's to remove.
            return HtmlAllowlist.IsAllowedScheme(url[..stop]) && TryAppendAttribute(output, name, url);
        }
        if (!baseKnown)
        {
            // A relative URL resolves against a base the caller does not know yet.
            return false;
        }
        if (baseUri is null)
        {
            return TryAppendAttribute(output, name, url);
        }
        var resolved = Resolve(baseUri, url.ToString());
        return resolved is not null && HtmlAllowlist.IsAllowedScheme(resolved.Scheme) && TryAppendAttribute(output, name, resolved.AbsoluteUri);
    }

    private static Uri? Resolve(Uri baseUri, string relative)
    {
        if (!ReferenceEquals(t_baseKey, baseUri))
        {
            // The sanitiser is given the base as a string and parses it again; so is this.
            t_baseParsed = Uri.TryCreate(baseUri.AbsoluteUri, UriKind.Absolute, out var parsed) ? parsed : null;
            t_baseKey = baseUri;
        }
        if (t_baseParsed is null)
        {
            return null;
        }
        try
        {
            return new Uri(t_baseParsed, relative);
        }
        catch (UriFormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// A character reference at html[i] ('&amp;') as the tokenizer reads it; false where its rules are not mirrored:
    /// legacy names without ';' ("&amp;copy 2024"), numeric references without ';' or to control characters.
    /// </summary>
    private static bool TryReference(ReadOnlySpan<char> html, ref int i, out string text)
    {
        var reference = HtmlEntities.Match(html, i);
        if (reference.Length > 0 && reference.Text is { Length: > 0 } decoded)
        {
            text = decoded;
            if (!IsPlainText(decoded))
            {
                return false;
            }
            i += reference.Length;
            return true;
        }
        var next = i + 1 < html.Length ? html[i + 1] : '\0';
        // A bare ampersand ("AT&T", "a & b") is text.
        text = "&";
        if (next == '#' || (char.IsAsciiLetterOrDigit(next) && StartsWithLegacyName(html, i + 1)))
        {
            return false;
        }
        i++;
        return true;
    }

    private static bool AppendText(HtmlOutput output, ReadOnlySpan<char> text)
    {
        AppendEscaped(output, text, TextStops);
        return true;
    }

    /// <summary>Escapes as AngleSharp's serialiser: &amp; &lt; &gt; and no-break space always, the double quote in attributes.</summary>
    private static void AppendEscaped(HtmlOutput output, ReadOnlySpan<char> text, SearchValues<char> escapes)
    {
        while (true)
        {
            var stop = text.IndexOfAny(escapes);
            if (stop < 0)
            {
                output.Append(text);
                return;
            }
            output.Append(text[..stop]);
            output.Append(text[stop] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                _ => "&nbsp;",
            });
            text = text[(stop + 1)..];
        }
    }

    private static bool StartsWithLegacyName(ReadOnlySpan<char> html, int start)
    {
        var end = start;
        while (end < html.Length && end - start < MaxLegacyNameLength && char.IsAsciiLetterOrDigit(html[end]))
        {
            end++;
        }
        for (var length = 2; length <= end - start; length++)
        {
            if (HtmlEntityProvider.Resolver.GetSymbol(html.Slice(start, length).ToString()) is not null)
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsPlainText(string text) => !HasParserRewrites(text);

    /// <summary>CR and NUL, which the parser rewrites, and C0/C1 controls, which it may report: not worth mirroring.</summary>
    internal static bool HasParserRewrites(ReadOnlySpan<char> text)
    {
        // Two range searches: a set of 60 characters would take the slower probabilistic search.
        if (text.ContainsAnyInRange('\u007f', '\u009f'))
        {
            return true;
        }
        var control = text.IndexOfAnyInRange('\0', '\u001f');
        while (control >= 0)
        {
            if (text[control] is not ('\t' or '\n' or '\f'))
            {
                return true;
            }
            var next = text[(control + 1)..].IndexOfAnyInRange('\0', '\u001f');
            control = next < 0 ? -1 : control + 1 + next;
        }
        return false;
    }

    private static int SkipWhitespace(ReadOnlySpan<char> html, int p)
    {
        while (p < html.Length && IsWhitespace(html[p]))
        {
            p++;
        }
        return p;
    }

    // Called for every character of every tag; the JIT left it out of line in the larger callers.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWhitespace(char c) => c is ' ' or '\t' or '\n' or '\f';

    /// <summary>Gives the output back for the next document on this thread, unless it grew too large to keep.</summary>
    private static void Release(HtmlOutput output)
    {
        if (output.IsWorthKeeping)
        {
            t_output = output;
        }
    }
}
