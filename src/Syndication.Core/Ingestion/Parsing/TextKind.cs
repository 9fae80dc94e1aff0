namespace Syndication.Core.Ingestion.Parsing;

/// <summary>How a text field was written: plain text, HTML (escaped or CDATA), or inline XHTML markup.</summary>
internal enum TextKind
{
    Text,
    Html,
    Xhtml,

    /// <summary>HTML sanitised already as it was read (see <see cref="RawText.Html"/>); empty when nothing visible was left.</summary>
    SanitisedHtml,
}
