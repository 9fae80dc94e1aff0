namespace Syndication.Storage.Ingestion;

/// <summary>One recorded poll of a source: when, how it ended, what it stored and how long it took.</summary>
public sealed record SourcePoll(
    DateTimeOffset PolledAt, bool Succeeded, int? HttpStatus, string? Error, int NewEntries, int UpdatedEntries, TimeSpan? Duration);
