namespace Syndication.Core.Publishing.Rendering;

/// <summary>The URLs every feed format writes the same way.</summary>
internal static class FeedUris
{
    /// <summary>An absolute http(s) URL, or null: anything else (relative, javascript:, file:) is no link a reader should follow.</summary>
    public static Uri? Http(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    /// <summary>A paging, archive or hub link: an http(s) URL as given, else a path on the site.</summary>
    // Not UriKind.Absolute alone: on Unix "/feeds/rss.xml" parses as an absolute file: URI.
    public static Uri Of(Site site, FeedLink link) => Http(link.Path) ?? site.Url(link.Path);
}
