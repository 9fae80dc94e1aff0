using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Syndication.Worker.Publishing.Browsing;

/// <summary>
/// Whether a request for a feed comes from a person's browser rather than a feed reader: only when it asks for HTML
/// more than for anything a feed is. Browsers put text/html first (Chromium and Firefox: <c>text/html,…,application/xml;q=0.9,*/*;q=0.8</c>);
/// readers ask for feed types first (feedparser, SimplePie), name HTML no higher than feeds (Miniflux), or send
/// <c>*/*</c> or nothing (newsboat through libcurl, NetNewsWire through URLSession, most hosted fetchers) — and a tie
/// goes to the feed, so no reader that works today ever gets a page.
/// </summary>
public static class FeedNegotiation
{
    private static readonly string[] PageTypes = ["text/html", "application/xhtml+xml"];

    /// <summary>Everything a feed of ours is, or is a kind of.</summary>
    private static readonly string[] FeedTypes =
    [
        "application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml",
        "application/xml", "text/xml", "application/json", "application/*", "text/*", "*/*",
    ];

    public static bool PrefersHtml(StringValues accept)
    {
        if (StringValues.IsNullOrEmpty(accept) || !MediaTypeHeaderValue.TryParseList(accept, out var types))
        {
            return false;
        }
        double page = 0, feed = 0;
        foreach (var type in types)
        {
            var name = type.MediaType.ToString();
            var quality = type.Quality ?? 1.0;
            if (PageTypes.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                page = Math.Max(page, quality);
            }
            else if (FeedTypes.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                feed = Math.Max(feed, quality);
            }
        }
        return page > 0 && page > feed;
    }
}
