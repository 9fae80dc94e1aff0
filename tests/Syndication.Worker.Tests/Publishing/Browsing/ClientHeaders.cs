namespace Syndication.Worker.Tests.Publishing.Browsing;

/// <summary>The Accept headers real clients send when they fetch a feed, as their sources set them (or their HTTP
/// libraries' defaults where they set none).</summary>
public static class ClientHeaders
{
    public const string Chromium = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";
    public const string Firefox = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    /// <summary>Python feedparser's ACCEPT_HEADER.</summary>
    public const string Feedparser = "application/atom+xml,application/rdf+xml,application/rss+xml,application/x-netcdf,application/xml;q=0.9,text/xml;q=0.2,*/*;q=0.1";

    /// <summary>Miniflux's fetcher: names text/html as high as the feed types.</summary>
    public const string Miniflux = "application/xml, application/atom+xml, application/rss+xml, application/rdf+xml, application/feed+json, text/html, */*;q=0.9";

    /// <summary>SimplePie (FreshRSS): HTML below the feed types.</summary>
    public const string SimplePie = "application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, text/html;q=0.7, unknown/unknown;q=0.1, application/unknown;q=0.1, */*;q=0.1";

    /// <summary>newsboat (libcurl's default), NetNewsWire (URLSession's default), Inoreader.</summary>
    public const string Anything = "*/*";

    /// <summary>Browsers, which must get the page.</summary>
    public static readonly TheoryData<string> Browsers = new() { Chromium, Firefox };

    /// <summary>Feed readers, which must get the feed; null is no Accept header at all (Feedly's fetcher, scripts).</summary>
    public static readonly TheoryData<string?> Readers = new() { Feedparser, Miniflux, SimplePie, Anything, null };
}
