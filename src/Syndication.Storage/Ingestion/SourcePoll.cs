namespace Syndication.Storage.Ingestion;

/// <summary>One recorded poll of a source: when, how it ended, what it stored and how long it took; Pushed when a WebSub hub delivered it.</summary>
public sealed record SourcePoll(
    DateTimeOffset PolledAt, bool Succeeded, int? HttpStatus, string? Error, int NewEntries, int UpdatedEntries, TimeSpan? Duration,
    bool Pushed = false);
