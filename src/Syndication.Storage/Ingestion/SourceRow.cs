using Syndication.Core.Ingestion.Sources;

namespace Syndication.Storage.Ingestion;

// The sources table as Dapper reads it.
internal sealed record SourceRow(
    long Id, string Url, string? Title, string? SiteUrl, string? Category, string Origin, string? RemovedUtc,
    string? DisabledReason, string? ETag, string? LastModified, string? LastPollUtc, string? LastSuccessUtc,
    long? LastStatus, string? LastError, long ConsecutiveFailures, string? NextPollUtc, long? IntervalMinutes, long EntryCount)
{
    public const string Columns = """
        id AS Id, url AS Url, title AS Title, site_url AS SiteUrl, category AS Category, origin AS Origin,
        removed_utc AS RemovedUtc, disabled_reason AS DisabledReason, etag AS ETag, last_modified AS LastModified,
        last_poll_utc AS LastPollUtc, last_success_utc AS LastSuccessUtc, last_status AS LastStatus, last_error AS LastError,
        consecutive_failures AS ConsecutiveFailures, next_poll_utc AS NextPollUtc, interval_minutes AS IntervalMinutes,
        entry_count AS EntryCount
        """;

    public Source ToSource() => new()
    {
        Id = Id,
        Url = Url,
        Title = Title,
        SiteUrl = SiteUrl,
        Category = Category,
        Origin = Origin,
        Removed = Timestamps.FromNullableText(RemovedUtc),
        DisabledReason = DisabledReason,
        ETag = ETag,
        LastModified = LastModified,
        LastPoll = Timestamps.FromNullableText(LastPollUtc),
        LastSuccess = Timestamps.FromNullableText(LastSuccessUtc),
        LastStatus = (int?)LastStatus,
        LastError = LastError,
        ConsecutiveFailures = (int)ConsecutiveFailures,
        NextPoll = Timestamps.FromNullableText(NextPollUtc),
        IntervalMinutes = (int?)IntervalMinutes,
        EntryCount = (int)EntryCount,
    };
}
