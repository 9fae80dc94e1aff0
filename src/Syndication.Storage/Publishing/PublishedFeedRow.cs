namespace Syndication.Storage.Publishing;

// The published_feeds table as Dapper reads it.
internal sealed record PublishedFeedRow(
    string Path, string Tag, string ChangedUtc, string? PingedTag, string? PingedUtc, long PingFailures, string? NextPingUtc, string? LastError)
{
    public const string Columns = """
        path AS Path, tag AS Tag, changed_utc AS ChangedUtc, pinged_tag AS PingedTag, pinged_utc AS PingedUtc,
        ping_failures AS PingFailures, next_ping_utc AS NextPingUtc, last_error AS LastError
        """;

    public PublishedFeed ToPublishedFeed() => new(
        Path,
        Tag,
        Timestamps.FromText(ChangedUtc),
        PingedTag,
        Timestamps.FromNullableText(PingedUtc),
        (int)PingFailures,
        Timestamps.FromNullableText(NextPingUtc),
        LastError);
}
