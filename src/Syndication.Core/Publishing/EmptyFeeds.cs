namespace Syndication.Core.Publishing;

/// <summary>What a feed with nothing in it says about itself.</summary>
public static class EmptyFeeds
{
    /// <summary>Fixed, so an empty feed is byte-stable; plausible, since validators reject dates before 1990.</summary>
    public static readonly DateTimeOffset Updated = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
