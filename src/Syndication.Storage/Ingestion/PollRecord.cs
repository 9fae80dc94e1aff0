namespace Syndication.Storage.Ingestion;

/// <summary>The result of one poll as the source's state records it.</summary>
public sealed record PollRecord
{
    public required long SourceId { get; init; }
    public required DateTimeOffset PolledAt { get; init; }
    public required bool Succeeded { get; init; }
    public int? HttpStatus { get; init; }
    public string? Error { get; init; }
    /// <summary>Validators to send next time; only stored on success.</summary>
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    /// <summary>The URL a permanent redirect moved the feed to.</summary>
    public string? MovedTo { get; init; }
    /// <summary>Set when the source said it is gone for good: it is no longer polled.</summary>
    public string? DisabledReason { get; init; }
    public required DateTimeOffset NextPoll { get; init; }
    public required int IntervalMinutes { get; init; }
    public string? FeedTitle { get; init; }
    public string? FeedSiteUrl { get; init; }
    /// <summary>How long the fetch and parse took, for the source's poll history.</summary>
    public TimeSpan? Duration { get; init; }
    /// <summary>The poll lease's holder: saving the poll ends the lease if it still holds it.</summary>
    public string? LeaseOwner { get; init; }
    /// <summary>Content a WebSub hub pushed rather than a fetch: kept in the history marked so.</summary>
    public bool Pushed { get; init; }
}
