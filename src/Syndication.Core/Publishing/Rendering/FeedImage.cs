using System.Text.RegularExpressions;
using Syndication.Core.Articles;
using Syndication.Core.Text;

namespace Syndication.Core.Publishing.Rendering;

/// <summary>An article image a feed can point at: an absolute http(s) URL, with only the facts that would pass a validator.</summary>
internal sealed partial record FeedImage(Uri Url, string? Caption, string? MediaType, long? Length, int? Width = null, int? Height = null, string? Credit = null)
{
    /// <summary>The images that have a URL, in the article's order; images known only by their caption give nothing.</summary>
    public static IReadOnlyList<FeedImage> Of(Article article)
    {
        List<FeedImage>? images = null;
        foreach (var image in article.Images)
        {
            if (FeedUris.Http(image.Url) is not { } url)
            {
                continue;
            }
            (images ??= []).Add(new FeedImage(
                url,
                image.Caption is { } caption && XmlChars.Strip(caption).Trim() is { Length: > 0 } text ? text : null,
                image.MediaType is { } type && MediaTypePattern().IsMatch(type) ? type.ToLowerInvariant() : null,
                image.Length is > 0 ? image.Length : null,
                image.Width,
                image.Height,
                image.Credit is { } credit && XmlChars.Strip(credit).Trim() is { Length: > 0 } name ? name : null));
        }
        return images ?? (IReadOnlyList<FeedImage>)[];
    }

    // type "/" subtype as RFC 6838 names them; an import's "jpeg" or "image/*" is no media type a feed may carry.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$", RegexOptions.CultureInvariant)]
    private static partial Regex MediaTypePattern();
}
