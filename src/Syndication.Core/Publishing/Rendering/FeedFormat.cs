namespace Syndication.Core.Publishing.Rendering;

/// <summary>The feed formats we render, with their media types.</summary>
public enum FeedFormat
{
    Rss,
    Atom,
    JsonFeed,
}

/// <summary>Media types of the feed formats.</summary>
public static class FeedFormats
{
    /// <summary>The file name of a feed of this format in our URL layout.</summary>
    public static string FileName(this FeedFormat format) => format switch
    {
        FeedFormat.Rss => "rss.xml",
        FeedFormat.Atom => "atom.xml",
        FeedFormat.JsonFeed => "feed.json",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    public static string MediaType(this FeedFormat format) => format switch
    {
        FeedFormat.Rss => "application/rss+xml",
        FeedFormat.Atom => "application/atom+xml",
        FeedFormat.JsonFeed => "application/feed+json",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
