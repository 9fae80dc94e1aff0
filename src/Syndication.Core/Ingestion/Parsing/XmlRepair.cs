using System.Text;
using Syndication.Core.Ingestion.Normalising;
using Syndication.Core.Text;

namespace Syndication.Core.Ingestion.Parsing;

/// <summary>
/// The text pass run only when a strict parse fails: strips forbidden characters and any DOCTYPE, turns HTML entities
/// into characters and bare ampersands into &amp;amp;, closes void HTML tags, quotes HTML-style attributes, and declares
/// prefixes used without a declaration. Line breaks are kept where text is removed, so XML errors still point at the right line.
/// </summary>
internal static class XmlRepair
{
    // Only the HTML void elements that no feed format uses as an element name of its own.
    private static readonly HashSet<string> VoidElements = new(StringComparer.OrdinalIgnoreCase) { "br", "hr", "img", "wbr" };

    private static readonly HashSet<string> XmlEntityNames = new(StringComparer.Ordinal) { "amp", "lt", "gt", "quot", "apos" };

    private static readonly Dictionary<string, string> KnownPrefixes = new(StringComparer.Ordinal)
    {
        ["dc"] = FeedNamespaces.Dc,
        ["dcterms"] = FeedNamespaces.DcTerms,
        ["content"] = FeedNamespaces.Content,
        ["atom"] = FeedNamespaces.Atom10,
        ["media"] = FeedNamespaces.Media,
        ["sy"] = FeedNamespaces.Syndication,
        ["rdf"] = FeedNamespaces.Rdf,
        ["itunes"] = "http://www.itunes.com/dtds/podcast-1.0.dtd",
        ["slash"] = "http://purl.org/rss/1.0/modules/slash/",
        ["wfw"] = "http://wellformedweb.org/CommentAPI/",
        ["georss"] = "http://www.georss.org/georss",
    };

    public static string Repair(string text)
    {
        text = XmlChars.Strip(text);
        var state = new XmlRepairState(text);
        var i = SkipLeadingJunk(state);
        while (i < text.Length)
        {
            var next = text.AsSpan(i).IndexOfAny('<', '&');
            if (next < 0)
            {
                state.Output.Append(text, i, text.Length - i);
                break;
            }
            state.Output.Append(text, i, next);
            i += next;
            i = text[i] == '<' ? RepairMarkup(state, i) : RepairReference(state, i, inAttribute: false);
        }
        DeclareMissingPrefixes(state);
        return state.Output.ToString();
    }

    /// <summary>
    /// Blank lines or a PHP warning before the XML declaration make a document unreadable; they go, and so does the
    /// declaration (the text is decoded already), so the line breaks kept in their place are not "whitespace before it".
    /// </summary>
    private static int SkipLeadingJunk(XmlRepairState state)
    {
        var text = state.Text;
        var declaration = text.IndexOf("<?xml", 0, Math.Min(text.Length, 4096), StringComparison.Ordinal);
        int start;
        if (declaration >= 0)
        {
            var end = text.IndexOf("?>", declaration, StringComparison.Ordinal);
            start = end < 0 ? declaration : end + 2;
        }
        else
        {
            start = text.IndexOf('<', StringComparison.Ordinal);
        }
        if (start <= 0)
        {
            return 0;
        }
        KeepLineBreaks(state.Output, text.AsSpan(0, start));
        return start;
    }

    private static int RepairMarkup(XmlRepairState state, int i)
    {
        var text = state.Text;
        var output = state.Output;
        if (StartsWith(text, i, "<!--"))
        {
            return CopyThrough(state, i, "-->");
        }
        if (StartsWith(text, i, "<![CDATA["))
        {
            return CopyThrough(state, i, "]]>");
        }
        if (StartsWithIgnoreCase(text, i, "<!DOCTYPE"))
        {
            var end = EndOfDoctype(text, i);
            KeepLineBreaks(output, text.AsSpan(i, end - i));
            return end;
        }
        if (StartsWith(text, i, "<?"))
        {
            return CopyThrough(state, i, "?>");
        }
        if (StartsWith(text, i, "<!"))
        {
            // A stray declaration outside a DOCTYPE (<!ENTITY …>) cannot be read; drop it.
            var close = text.IndexOf('>', i);
            var end = close < 0 ? text.Length : close + 1;
            KeepLineBreaks(output, text.AsSpan(i, end - i));
            return end;
        }
        if (i + 1 < text.Length && text[i + 1] == '/')
        {
            return RepairEndTag(state, i);
        }
        if (i + 1 < text.Length && IsNameStart(text[i + 1]))
        {
            return RepairStartTag(state, i);
        }
        output.Append("&lt;");
        return i + 1;
    }

    private static int RepairEndTag(XmlRepairState state, int i)
    {
        var text = state.Text;
        var nameEnd = ScanName(text, i + 2);
        var name = text.AsSpan(i + 2, nameEnd - i - 2);
        var close = text.IndexOf('>', nameEnd);
        var end = close < 0 ? text.Length : close + 1;
        if (VoidElements.Contains(name.ToString()))
        {
            // <br></br> and a stray </br>: the start tag is self-closed by the repair, so the end tag must go.
            return end;
        }
        NotePrefixUse(state, name);
        state.Output.Append(text, i, end - i);
        return end;
    }

    private static int RepairStartTag(XmlRepairState state, int i)
    {
        var text = state.Text;
        var output = state.Output;
        var nameEnd = ScanName(text, i + 1);
        var name = text.Substring(i + 1, nameEnd - i - 1);
        NotePrefixUse(state, name);
        output.Append('<').Append(name);
        if (state.RootDeclarationsAt < 0)
        {
            state.RootDeclarationsAt = output.Length;
        }
        var attributes = new HashSet<string>(StringComparer.Ordinal);
        var j = nameEnd;
        while (j < text.Length)
        {
            var c = text[j];
            if (char.IsWhiteSpace(c))
            {
                output.Append(c);
                j++;
            }
            else if (c == '>')
            {
                output.Append(VoidElements.Contains(name) ? "/>" : ">");
                return j + 1;
            }
            else if (c == '/' && j + 1 < text.Length && text[j + 1] == '>')
            {
                output.Append("/>");
                return j + 2;
            }
            else if (IsNameStart(c))
            {
                j = RepairAttribute(state, j, attributes);
            }
            else
            {
                // A stray character between attributes ("<a href=x / >", "<p ,>") is dropped.
                j++;
            }
        }
        return j;
    }

    private static int RepairAttribute(XmlRepairState state, int j, HashSet<string> seen)
    {
        var text = state.Text;
        var nameEnd = ScanName(text, j);
        var name = text.Substring(j, nameEnd - j);
        var k = nameEnd;
        while (k < text.Length && char.IsWhiteSpace(text[k]))
        {
            k++;
        }
        int valueStart;
        int valueEnd;
        int after;
        if (k < text.Length && text[k] == '=')
        {
            k++;
            while (k < text.Length && char.IsWhiteSpace(text[k]))
            {
                k++;
            }
            if (k < text.Length && text[k] is '"' or '\'')
            {
                var quote = text[k];
                var close = text.IndexOf(quote, k + 1);
                valueStart = k + 1;
                valueEnd = close < 0 ? text.Length : close;
                after = close < 0 ? text.Length : close + 1;
            }
            else
            {
                valueStart = k;
                while (k < text.Length && !char.IsWhiteSpace(text[k]) && text[k] != '>')
                {
                    k++;
                }
                valueEnd = k;
                after = k;
            }
        }
        else
        {
            // An HTML boolean attribute (<video controls>) gets an empty value.
            valueStart = valueEnd = after = nameEnd;
        }
        if (!seen.Add(name))
        {
            return after;
        }
        if (name.StartsWith("xmlns:", StringComparison.Ordinal))
        {
            state.DeclaredPrefixes.Add(name[6..]);
        }
        else
        {
            NotePrefixUse(state, name);
        }
        var output = state.Output;
        output.Append(name).Append("=\"");
        var v = valueStart;
        while (v < valueEnd)
        {
            var c = text[v];
            switch (c)
            {
                case '&':
                    v = RepairReference(state, v, inAttribute: true);
                    break;
                case '<':
                    output.Append("&lt;");
                    v++;
                    break;
                case '"':
                    output.Append("&quot;");
                    v++;
                    break;
                default:
                    output.Append(c);
                    v++;
                    break;
            }
        }
        output.Append('"');
        return after;
    }

    private static int RepairReference(XmlRepairState state, int i, bool inAttribute)
    {
        var output = state.Output;
        var reference = HtmlEntities.Match(state.Text, i);
        if (reference.Length == 0)
        {
            output.Append("&amp;");
            return i + 1;
        }
        if (reference.Name is not null && XmlEntityNames.Contains(reference.Name))
        {
            output.Append(state.Text, i, reference.Length);
        }
        else if (reference.Text is not null)
        {
            foreach (var c in reference.Text)
            {
                output.Append(c switch
                {
                    '&' => "&amp;",
                    '<' => "&lt;",
                    '"' when inAttribute => "&quot;",
                    _ => c.ToString(),
                });
            }
        }
        else
        {
            // An entity nobody defines (an XXE or billion-laughs name among them) stays visible as text, never expanded.
            output.Append("&amp;");
            return i + 1;
        }
        return i + reference.Length;
    }

    private static void DeclareMissingPrefixes(XmlRepairState state)
    {
        if (state.RootDeclarationsAt < 0)
        {
            return;
        }
        var declarations = new StringBuilder();
        foreach (var prefix in state.UsedPrefixes)
        {
            if (prefix is "xml" or "xmlns" || state.DeclaredPrefixes.Contains(prefix))
            {
                continue;
            }
            var ns = KnownPrefixes.GetValueOrDefault(prefix) ?? "urn:x-undeclared:" + prefix;
            declarations.Append(" xmlns:").Append(prefix).Append("=\"").Append(ns).Append('"');
        }
        state.Output.Insert(state.RootDeclarationsAt, declarations.ToString());
    }

    private static void NotePrefixUse(XmlRepairState state, ReadOnlySpan<char> name)
    {
        var colon = name.IndexOf(':');
        if (colon > 0)
        {
            state.UsedPrefixes.Add(name[..colon].ToString());
        }
    }

    private static int EndOfDoctype(string text, int i)
    {
        var quote = '\0';
        var inSubset = false;
        for (var j = i + 9; j < text.Length; j++)
        {
            var c = text[j];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '[')
            {
                inSubset = true;
            }
            else if (c == ']')
            {
                inSubset = false;
            }
            else if (c == '>' && !inSubset)
            {
                return j + 1;
            }
        }
        return text.Length;
    }

    private static int CopyThrough(XmlRepairState state, int i, string terminator)
    {
        var end = state.Text.IndexOf(terminator, i, StringComparison.Ordinal);
        var stop = end < 0 ? state.Text.Length : end + terminator.Length;
        state.Output.Append(state.Text, i, stop - i);
        return stop;
    }

    private static void KeepLineBreaks(StringBuilder output, ReadOnlySpan<char> removed) =>
        output.Append('\n', removed.Count('\n'));

    private static int ScanName(string text, int start)
    {
        var j = start;
        while (j < text.Length && (char.IsLetterOrDigit(text[j]) || text[j] is '_' or ':' or '-' or '.'))
        {
            j++;
        }
        return j;
    }

    private static bool IsNameStart(char c) => char.IsLetter(c) || c == '_';

    private static bool StartsWith(string text, int i, string value) =>
        string.CompareOrdinal(text, i, value, 0, value.Length) == 0;

    private static bool StartsWithIgnoreCase(string text, int i, string value) =>
        i + value.Length <= text.Length && text.AsSpan(i, value.Length).Equals(value, StringComparison.OrdinalIgnoreCase);
}
