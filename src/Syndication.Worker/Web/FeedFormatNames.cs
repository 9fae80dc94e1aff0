using Syndication.Core.Publishing.Rendering;

namespace Syndication.Worker.Web;

/// <summary>The formats every article feed is published in, and their names for people.</summary>
public static class FeedFormatNames
{
    public static readonly IReadOnlyList<FeedFormat> All = [FeedFormat.Rss, FeedFormat.Atom, FeedFormat.JsonFeed];

    public static string Name(FeedFormat format) => format switch
    {
        FeedFormat.Rss => "RSS",
        FeedFormat.Atom => "Atom",
        _ => "JSON Feed",
    };
}
