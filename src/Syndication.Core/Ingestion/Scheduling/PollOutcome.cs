namespace Syndication.Core.Ingestion.Scheduling;

/// <summary>What a poll learned that bears on when to poll next.</summary>
/// <param name="Failures">Consecutive failures including this poll (0 after a success).</param>
/// <param name="EntryDates">Publication dates of the feed's entries, when it was fetched; empty otherwise.</param>
/// <param name="FeedTtl">How long the feed asks readers to wait (RSS ttl, sy:updatePeriod).</param>
/// <param name="RetryAfter">What a 429 or 503 asked for.</param>
/// <param name="PreviousInterval">The interval in force before this poll, kept when the poll says nothing new (a 304).</param>
public sealed record PollOutcome(
    int Failures,
    IReadOnlyList<DateTimeOffset> EntryDates,
    TimeSpan? FeedTtl = null,
    TimeSpan? RetryAfter = null,
    TimeSpan? PreviousInterval = null);
