using System.Text;
using System.Xml;
using Syndication.Core.Ingestion.Normalising;
using Syndication.Core.Text;

namespace Syndication.Core.Ingestion.Parsing;

/// <summary>Forward-only helpers over XmlReader: walk child elements, read an element's text or markup, track xml:base.</summary>
internal static class XmlElements
{
    /// <summary>Steps into the current element; returns its depth, or -1 (already consumed) when it is empty.</summary>
    public static int Enter(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return -1;
        }
        var depth = reader.Depth;
        reader.Read();
        return depth;
    }

    /// <summary>The text of the current element; child elements (HTML left unescaped) come back as markup.</summary>
    public static string ReadContent(XmlReader reader, out bool hasMarkup)
    {
        hasMarkup = false;
        var depth = Enter(reader);
        if (depth < 0)
        {
            return string.Empty;
        }
        string? single = null;
        StringBuilder? text = null;
        List<(string Value, bool IsMarkup)>? mixed = null;
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    var value = reader.Value;
                    mixed?.Add((value, false));
                    if (single is null && text is null)
                    {
                        single = value;
                    }
                    else
                    {
                        text ??= new StringBuilder(single);
                        text.Append(value);
                    }
                    reader.Read();
                    break;
                case XmlNodeType.Element:
                    if (mixed is null)
                    {
                        mixed = [];
                        var before = text?.ToString() ?? single;
                        if (before is not null)
                        {
                            mixed.Add((before, false));
                        }
                    }
                    mixed.Add((reader.ReadOuterXml(), true));
                    break;
                default:
                    reader.Read();
                    break;
            }
        }
        if (!reader.EOF)
        {
            reader.Read();
        }
        if (mixed is null)
        {
            return text?.ToString() ?? single ?? string.Empty;
        }
        hasMarkup = true;
        var markup = new StringBuilder();
        foreach (var (value, isMarkup) in mixed)
        {
            markup.Append(isMarkup ? value : Html.Escape(value));
        }
        return markup.ToString();
    }

    public static string ReadContent(XmlReader reader) => ReadContent(reader, out _);

    /// <summary>Inline XHTML (Atom type="xhtml"): the inner markup of the wrapping div, or of the element when there is no div.</summary>
    public static string ReadXhtml(XmlReader reader)
    {
        var depth = Enter(reader);
        if (depth < 0)
        {
            return string.Empty;
        }
        var markup = new StringBuilder();
        var sawContent = false;
        while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element when !sawContent && reader.LocalName == "div":
                    sawContent = true;
                    markup.Append(reader.ReadInnerXml());
                    break;
                case XmlNodeType.Element:
                    sawContent = true;
                    markup.Append(reader.ReadOuterXml());
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA:
                    sawContent = true;
                    markup.Append(Html.Escape(reader.Value));
                    reader.Read();
                    break;
                case XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    markup.Append(reader.Value);
                    reader.Read();
                    break;
                default:
                    reader.Read();
                    break;
            }
        }
        if (!reader.EOF)
        {
            reader.Read();
        }
        return markup.ToString();
    }

    /// <summary>The xml:base in effect on the current element: its own, resolved against the parent's, or the parent's.</summary>
    public static Uri? ReadBase(XmlReader reader, Uri? parentBase, Uri? documentUri)
    {
        var declared = reader.GetAttribute("base", FeedNamespaces.Xml);
        if (string.IsNullOrWhiteSpace(declared))
        {
            return parentBase;
        }
        return UrlResolver.ToAbsolute(declared, parentBase ?? documentUri) ?? parentBase;
    }

    /// <summary>Keeps the first value; as a method (not ??=) its argument, which reads the element, is always evaluated.</summary>
    public static T? First<T>(T? current, T? candidate)
        where T : class => current ?? candidate;

    public static string? Trimmed(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var trimmed = text.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }
}
