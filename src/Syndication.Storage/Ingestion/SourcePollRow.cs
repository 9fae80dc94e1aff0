namespace Syndication.Storage.Ingestion;

// The source_polls table as Dapper reads it.
internal sealed record SourcePollRow(
    string PolledUtc, long Succeeded, long? HttpStatus, string? Error, long NewEntries, long UpdatedEntries, long? DurationMs)
{
    public SourcePoll ToPoll() => new(
        Timestamps.FromText(PolledUtc), Succeeded != 0, (int?)HttpStatus, Error, (int)NewEntries, (int)UpdatedEntries,
        DurationMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null);
}
