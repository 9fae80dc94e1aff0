namespace Syndication.Core.Ingestion.Sources;

/// <summary>An external feed we ingest, with the state of its polling (its health).</summary>
public sealed record Source
{
    public required long Id { get; init; }
    public required string Url { get; init; }
    public string? Title { get; init; }
    public string? SiteUrl { get; init; }
    public string? Category { get; init; }
    /// <summary>"opml" when the OPML file lists it, "cli" when added by hand.</summary>
    public required string Origin { get; init; }
    /// <summary>When it was removed (from the OPML or by hand): no longer polled, its entries kept.</summary>
    public DateTimeOffset? Removed { get; init; }
    /// <summary>Why the source stopped being polled on its own account (HTTP 410 Gone).</summary>
    public string? DisabledReason { get; init; }
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    public DateTimeOffset? LastPoll { get; init; }
    public DateTimeOffset? LastSuccess { get; init; }
    public int? LastStatus { get; init; }
    public string? LastError { get; init; }
    public int ConsecutiveFailures { get; init; }
    public DateTimeOffset? NextPoll { get; init; }
    public int? IntervalMinutes { get; init; }
    public int EntryCount { get; init; }

    /// <summary>Polled by the scheduler: neither removed nor gone.</summary>
    public bool IsActive => Removed is null && DisabledReason is null;
}
