namespace Syndication.Storage.Publishing;

/// <summary>One published feed as last seen, and where its WebSub ping stands (<see cref="NextPing"/> is set while one is owed).</summary>
public sealed record PublishedFeed(
    string Path,
    string Tag,
    DateTimeOffset Changed,
    string? PingedTag,
    DateTimeOffset? Pinged,
    int PingFailures,
    DateTimeOffset? NextPing,
    string? LastError)
{
    public bool PingOwed => NextPing is not null;
}
