namespace Syndication.Core.Publishing.Rendering;

/// <summary>The feed formats we render, with their media types.</summary>
public enum FeedFormat
{
    Rss,
    Atom,
}

/// <summary>Media types of the feed formats.</summary>
public static class FeedFormats
{
    public static string MediaType(this FeedFormat format) => format switch
    {
        FeedFormat.Rss => "application/rss+xml",
        FeedFormat.Atom => "application/atom+xml",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
