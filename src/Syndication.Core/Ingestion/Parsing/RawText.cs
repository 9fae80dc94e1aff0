using Syndication.Core.Ingestion.Normalising;

namespace Syndication.Core.Ingestion.Parsing;

/// <summary>A text field as the document wrote it, with its kind and the xml:base in effect there.</summary>
internal sealed record RawText(string Value, TextKind Kind, Uri? Base)
{
    /// <summary>
    /// An HTML field (null when blank), sanitised at once when its result cannot depend on a base URL still to come:
    /// its own xml:base is known, or it has no relative URL.
    /// </summary>
    /// <remarks>
    /// Done while the text is fresh in cache, the raw text dies young; kept until the whole feed was read, every
    /// description of a large feed survived the collections made meanwhile and was copied up the generations.
    /// </remarks>
    public static RawText? Html(ReadOnlyMemory<char> text, Uri? declaredBase)
    {
        if (text.Span.IsWhiteSpace())
        {
            return null;
        }
        // No stored field keeps more than EntryLimits.ContentHtml: what lies far past it is never sanitised (the
        // sanitiser's document tree of a 10 MB description costs several times its size).
        text = EntryLimits.RawHtmlOf(text);
        if (declaredBase is not null)
        {
            return new RawText(HtmlCleaner.Clean(text.ToString(), declaredBase) ?? string.Empty, TextKind.SanitisedHtml, declaredBase);
        }
        return HtmlCleaner.TryCleanWithoutBase(text, out var cleaned)
            ? new RawText(cleaned ?? string.Empty, TextKind.SanitisedHtml, declaredBase)
            : new RawText(text.ToString(), TextKind.Html, declaredBase);
    }
}
