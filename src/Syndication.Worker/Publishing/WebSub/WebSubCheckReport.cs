using Syndication.Storage.Publishing;

namespace Syndication.Worker.Publishing.WebSub;

/// <summary>What one check did: what recording the feeds' tags found (null when the store had not changed since), pings accepted and failed.</summary>
internal sealed record WebSubCheckReport(FeedTagReport? Recorded, int Accepted, int Failed)
{
    public static readonly WebSubCheckReport Nothing = new(null, 0, 0);
}
