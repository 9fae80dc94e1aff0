using System.Text;
using Ganss.Xss;
using Syndication.Core.Text;

namespace Syndication.Core.Ingestion.Normalising;

/// <summary>Sanitises feed HTML to an allowlist, resolving relative URLs; one shared sanitiser, as building it is costly.</summary>
internal static class HtmlCleaner
{
    private static readonly string[] AllowedTags =
    [
        "p", "br", "a", "img", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "strong", "em", "b", "i", "u", "s", "sub", "sup",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "pre", "code", "hr", "div",
    ];

    private static readonly string[] AllowedAttributes = ["href", "src", "alt", "title", "width", "height", "colspan", "rowspan"];

    // Removed with everything inside: unwrapping these would leave script source or style rules as visible text.
    private static readonly HashSet<string> DroppedWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "iframe", "object", "embed", "applet", "noscript", "template", "svg", "math",
        "head", "title", "textarea", "select", "option", "button", "frame", "frameset", "noframes", "xmp", "noembed",
    };

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>Clean HTML, or null when nothing visible is left.</summary>
    public static string? Clean(string? html, Uri? baseUri)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return null;
        }
        var text = XmlChars.Strip(html).Trim();
        string cleaned;
        if (!text.Contains('<', StringComparison.Ordinal))
        {
            // Plain text needs no HTML parser: the common short description stays cheap.
            cleaned = text.Contains('&', StringComparison.Ordinal) ? Html.Escape(HtmlEntities.Decode(text)) : text;
        }
        else
        {
            cleaned = Sanitizer.Sanitize(text, baseUri?.AbsoluteUri ?? string.Empty).Trim();
            if (!HasVisibleContent(cleaned))
            {
                return null;
            }
        }
        return cleaned.Length == 0 ? null : cleaned.Normalize(NormalizationForm.FormC);
    }

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
            AllowedTags = new HashSet<string>(AllowedTags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(AllowedAttributes, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src"], StringComparer.OrdinalIgnoreCase),
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
