using System.Collections.Frozen;

namespace Syndication.Core.Ingestion.Normalising;

/// <summary>The elements, attributes and URL schemes feed HTML may keep; one list for the sanitiser and its fast path.</summary>
internal static class HtmlAllowlist
{
    public static readonly string[] Tags =
    [
        "p", "br", "a", "img", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "strong", "em", "b", "i", "u", "s", "sub", "sup",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "pre", "code", "hr", "div",
    ];

    public static readonly string[] Attributes = ["href", "src", "alt", "title", "width", "height", "colspan", "rowspan"];

    public static readonly string[] UrlAttributes = ["href", "src"];

    public static readonly string[] Schemes = ["http", "https", "mailto"];

    // Removed with everything inside: unwrapping these would leave script source or style rules as visible text.
    public static readonly string[] DroppedWithContent =
    [
        "script", "style", "iframe", "object", "embed", "applet", "noscript", "template", "svg", "math",
        "head", "title", "textarea", "select", "option", "button", "frame", "frameset", "noframes", "xmp", "noembed",
    ];

    // Table parts are left to the parser: it inserts tbody and moves stray text out of tables (foster parenting).
    private static readonly FrozenSet<string> TableParts =
        new[] { "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Allowed tag names outside tables, any case, to their lower-case form.</summary>
    public static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> FastPathTags =
        Tags.Where(tag => !TableParts.Contains(tag))
            .ToFrozenDictionary(tag => tag, tag => tag, StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Allowed attribute names, any case, to their index in <see cref="Attributes"/> (the lower-case form).</summary>
    public static readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> AttributeIndexes =
        Attributes.Index().ToFrozenDictionary(named => named.Item, named => named.Index, StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool IsAllowedScheme(ReadOnlySpan<char> scheme)
    {
        foreach (var allowed in Schemes)
        {
            if (scheme.Equals(allowed, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
