using System.Text;
using System.Xml;
using Syndication.Core.Ingestion.Normalising;
using Syndication.Core.Text;

namespace Syndication.Core.Ingestion.Parsing;

/// <summary>Forward-only helpers over XmlReader: walk child elements, read an element's text or markup, track xml:base.</summary>
internal static class XmlElements
{
    private const int InitialContentCapacity = 4096;

    // Larger buffers are not kept: one huge element must not pin its buffer for the thread's life.
    private const int MaxKeptContentCapacity = 256 * 1024;

    /// <summary>
    /// The most of one element's text that is kept: one character past what any field uses (<see cref="EntryLimits.RawHtml"/>),
    /// so the cut is still made, where it is made today, by the field's own limit. The rest of a 9 MB title is read and
    /// dropped, rather than grown into a buffer of twice its size and copied once more into a string.
    /// </summary>
    private const int MaxContentLength = EntryLimits.RawHtml + 1;

    [ThreadStatic]
    private static char[]? t_discard;

    [ThreadStatic]
    private static char[]? t_content;

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
    public static string ReadContent(XmlReader reader, out bool hasMarkup) => ReadContentChars(reader, out hasMarkup).ToString();

    public static string ReadContent(XmlReader reader) => ReadContent(reader, out _);

    /// <summary>
    /// As <see cref="ReadContent(XmlReader)"/>, in a buffer that the next call on this thread overwrites: for text
    /// consumed at once, as a description sanitised as it is read, which then never becomes a string of its own.
    /// </summary>
    public static ReadOnlyMemory<char> ReadContentChars(XmlReader reader) => ReadContentChars(reader, out _);

    private static ReadOnlyMemory<char> ReadContentChars(XmlReader reader, out bool hasMarkup)
    {
        hasMarkup = false;
        var text = t_content ?? new char[InitialContentCapacity];
        t_content = null;
        var length = 0;
        var depth = Enter(reader);
        List<(string Value, bool IsMarkup)>? mixed = null;
        while (depth >= 0 && !reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (mixed is null)
                    {
                        AppendValue(reader, ref text, ref length);
                    }
                    else
                    {
                        mixed.Add((reader.Value, false));
                    }
                    reader.Read();
                    break;
                case XmlNodeType.Element:
                    if (mixed is null)
                    {
                        mixed = [];
                        if (length > 0)
                        {
                            mixed.Add((new string(text, 0, length), false));
                        }
                    }
                    mixed.Add((reader.ReadOuterXml(), true));
                    break;
                default:
                    reader.Read();
                    break;
            }
        }
        if (depth >= 0 && !reader.EOF)
        {
            reader.Read();
        }
        if (mixed is not null)
        {
            hasMarkup = true;
            length = 0;
            foreach (var (value, isMarkup) in mixed)
            {
                Append(isMarkup ? value : Html.Escape(value), ref text, ref length);
            }
        }
        // A buffer grown for one huge element is not kept for the thread's life.
        t_content = text.Length <= MaxKeptContentCapacity ? text : null;
        return text.AsMemory(0, length);
    }

    /// <summary>The current text node's value, copied from the reader's buffer without becoming a string first.</summary>
    private static void AppendValue(XmlReader reader, ref char[] text, ref int length)
    {
        if (!reader.CanReadValueChunk)
        {
            Append(reader.Value, ref text, ref length);
            return;
        }
        while (length < MaxContentLength)
        {
            // Room for a surrogate pair at least, which the reader does not split.
            if (text.Length - length < 2)
            {
                Array.Resize(ref text, Math.Min(text.Length * 2, MaxContentLength + 1));
            }
            var read = reader.ReadValueChunk(text, length, Math.Min(text.Length, MaxContentLength + 1) - length);
            if (read == 0)
            {
                return;
            }
            length += read;
        }
        length = MaxContentLength;
        var discard = t_discard ??= new char[InitialContentCapacity];
        while (reader.ReadValueChunk(discard, 0, discard.Length) > 0)
        {
        }
    }

    private static void Append(string value, ref char[] text, ref int length)
    {
        var count = Math.Min(value.Length, MaxContentLength - length);
        if (count <= 0)
        {
            return;
        }
        if (text.Length - length < count)
        {
            Array.Resize(ref text, Math.Max(Math.Min(text.Length * 2, MaxContentLength), length + count));
        }
        value.CopyTo(0, text, length, count);
        length += count;
    }

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
