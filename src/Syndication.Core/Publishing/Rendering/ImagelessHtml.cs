using System.Text.RegularExpressions;

namespace Syndication.Core.Publishing.Rendering;

/// <summary>An article's body without its pictures, for partners whose profile leaves images out.</summary>
/// <remarks>The body is HTML our own cleaner wrote (allowlisted elements, quoted attributes, figures never nested), so
/// the figures and images can be found by pattern rather than by parsing it again.</remarks>
internal static partial class ImagelessHtml
{
    public static string Of(string html) => html.Contains("<img", StringComparison.OrdinalIgnoreCase) || html.Contains("<figure", StringComparison.OrdinalIgnoreCase)
        ? Image().Replace(Figure().Replace(html, ""), "")
        : html;

    [GeneratedRegex(@"<figure\b[^>]*>.*?</figure>\s*", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Figure();

    [GeneratedRegex(@"<img\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Image();
}
