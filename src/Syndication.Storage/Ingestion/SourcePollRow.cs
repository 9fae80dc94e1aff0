namespace Syndication.Storage.Ingestion;

// The source_polls table as Dapper reads it. Settable properties rather than a constructor: SQLite gives a computed
// column no declared type, so Dapper could not match a constructor before the first row is read.
internal sealed class SourcePollRow
{
    public string PolledUtc { get; set; } = "";
    public long Succeeded { get; set; }
    public long? HttpStatus { get; set; }
    public string? Error { get; set; }
    public long NewEntries { get; set; }
    public long UpdatedEntries { get; set; }
    public long? DurationMs { get; set; }
    public long Pushed { get; set; }

    public SourcePoll ToPoll() => new(
        Timestamps.FromText(PolledUtc), Succeeded != 0, (int?)HttpStatus, Error, (int)NewEntries, (int)UpdatedEntries,
        DurationMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null, Pushed != 0);
}
