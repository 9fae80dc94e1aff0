using Microsoft.Extensions.Options;
using Syndication.Core.Ingestion;
using Syndication.Core.Ingestion.Scheduling;
using Syndication.Core.Ingestion.Sources;
using Syndication.Storage.Ingestion;
using Syndication.Storage.Rules;
using Syndication.Worker.Ingestion.Fetching;
using Syndication.Worker.Ingestion.WebSub;
using Syndication.Worker.Operations.Metrics;
using Syndication.Worker.Publishing;

namespace Syndication.Worker.Ingestion.Polling;

/// <summary>One poll of one source, start to end: fetch, parse, apply the editorial rules, store the entries and the source's new state together.</summary>
public sealed class SourcePoller(
    FeedFetcher fetcher,
    EntryStore entries,
    RuleStore rules,
    PollGate gate,
    ArchiveRevision revision,
    TimeProvider clock,
    IOptions<IngestionOptions> options,
    ILogger<SourcePoller> logger,
    SyndicationMetrics? metrics = null,
    PushPolling? push = null)
{
    private readonly TimeZoneInfo _defaultZone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.DefaultTimeZone);
    private readonly PollPolicy _policy = new(
        TimeSpan.FromMinutes(options.Value.DefaultIntervalMinutes),
        TimeSpan.FromMinutes(options.Value.MinIntervalMinutes),
        TimeSpan.FromMinutes(options.Value.MaxIntervalMinutes));

    public Task<PollReport> PollAsync(Source source, CancellationToken cancellationToken) => PollAsync(source, null, cancellationToken);

    /// <summary>Polls a source whose lease <paramref name="leaseOwner"/> holds: saving the poll ends that lease.</summary>
    public async Task<PollReport> PollAsync(Source source, string? leaseOwner, CancellationToken cancellationToken)
    {
        using var slot = await gate.EnterAsync(cancellationToken);
        var started = clock.GetTimestamp();
        var now = clock.GetUtcNow();
        var fetch = await fetcher.FetchAsync(new FetchRequest(new Uri(source.Url), source.ETag, source.LastModified), cancellationToken);

        using var parseTurn = await gate.EnterParseAsync(fetch.Body?.Length ?? 0, cancellationToken);
        ParsedFeed? feed = null;
        var error = fetch.Outcome switch
        {
            FetchOutcome.Fetched or FetchOutcome.NotModified => null,
            FetchOutcome.Gone => "the feed is gone (HTTP 410); polling stopped",
            _ => fetch.Error ?? $"HTTP {fetch.HttpStatus}",
        };
        if (fetch.Outcome == FetchOutcome.Fetched)
        {
            (feed, error) = Parse(fetch.Body ?? [], fetch.FinalUrl, fetch.ContentType, fetch.Links);
        }

        var succeeded = error is null;
        var outcome = new PollOutcome(
            succeeded ? 0 : source.ConsecutiveFailures + 1,
            feed is null ? [] : [.. feed.Entries.Select(entry => entry.Published ?? entry.Updated).OfType<DateTimeOffset>()],
            feed?.Ttl,
            fetch.RetryAfter,
            source.IntervalMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null);
        var nextPoll = now + PollScheduler.NextDelay(_policy, outcome, Random.Shared.NextDouble());
        if (push is not null && error is null)
        {
            // A hub the feed names is noted for subscribing; while it pushes, polls are only a safety net and come rarely.
            nextPoll = await push.AfterPollAsync(source, feed, nextPoll, cancellationToken);
        }
        var record = new PollRecord
        {
            SourceId = source.Id,
            PolledAt = now,
            Succeeded = succeeded,
            HttpStatus = fetch.HttpStatus,
            Error = error,
            ETag = succeeded ? fetch.ETag : null,
            LastModified = succeeded ? fetch.LastModified : null,
            MovedTo = fetch.PermanentUrl?.AbsoluteUri,
            DisabledReason = fetch.Outcome == FetchOutcome.Gone ? "HTTP 410 Gone" : null,
            NextPoll = nextPoll,
            IntervalMinutes = (int)Math.Ceiling(PollScheduler.LearnedInterval(_policy, outcome).TotalMinutes),
            FeedTitle = feed?.Title,
            FeedSiteUrl = feed?.Link,
            Duration = clock.GetElapsedTime(started),
            LeaseOwner = leaseOwner,
        };
        var saved = await StoreAsync(source, feed, record, cancellationToken);

        var report = new PollReport(source.Id, source.Url, fetch.Outcome.ToString(), fetch.HttpStatus, saved.New, saved.Updated,
            clock.GetElapsedTime(started), error, nextPoll);
        metrics?.RecordPoll(fetch.Outcome, report.Failed, report.Elapsed, saved.New, saved.Updated, fetch.BytesRead);
        if (report.Failed)
        {
            logger.LogWarning(
                // The error names the HTTP status when there was one; a null status would only print "(null)".
                "Polled source {SourceId} {Url}: {Outcome} in {ElapsedMs} ms, failure {Failures}: {Error}; next poll {NextPoll:u}",
                source.Id, source.Url, report.Outcome, (long)report.Elapsed.TotalMilliseconds, outcome.Failures, error, nextPoll);
        }
        else
        {
            logger.LogInformation(
                "Polled source {SourceId} {Url}: {Outcome} {HttpStatus}, {New} new, {Updated} updated, {Bytes} bytes in {ElapsedMs} ms; next poll {NextPoll:u}",
                source.Id, source.Url, report.Outcome, report.HttpStatus, saved.New, saved.Updated, fetch.BytesRead, (long)report.Elapsed.TotalMilliseconds, nextPoll);
        }
        return report;
    }

    /// <summary>
    /// Stores a feed document a WebSub hub pushed for <paramref name="source"/> exactly as a poll's: the same parser,
    /// limits, editorial rules and story clustering, recorded in the source's history as pushed, with the next poll
    /// moved to <paramref name="nextPoll"/>. The error says why nothing was stored when the body is not a feed.
    /// </summary>
    public async Task<(PollSaveResult? Saved, string? Error)> StorePushedAsync(
        Source source, byte[] body, string? contentType, DateTimeOffset nextPoll, CancellationToken cancellationToken)
    {
        using var slot = await gate.EnterAsync(cancellationToken);
        var started = clock.GetTimestamp();
        using var parseTurn = await gate.EnterParseAsync(body.Length, cancellationToken);
        var (feed, error) = Parse(body, new Uri(source.Url), contentType, null);
        if (feed is null)
        {
            logger.LogWarning("Push for source {SourceId} {Url} not stored: {Error}", source.Id, source.Url, error);
            return (null, error);
        }
        var record = new PollRecord
        {
            SourceId = source.Id,
            PolledAt = clock.GetUtcNow(),
            Succeeded = true,
            NextPoll = nextPoll,
            IntervalMinutes = source.IntervalMinutes ?? (int)_policy.DefaultInterval.TotalMinutes,
            FeedTitle = feed.Title,
            FeedSiteUrl = feed.Link,
            Duration = clock.GetElapsedTime(started),
            Pushed = true,
        };
        var saved = await StoreAsync(source, feed, record, cancellationToken);
        logger.LogInformation(
            "Stored push for source {SourceId} {Url}: {New} new, {Updated} updated, {Bytes} bytes in {ElapsedMs} ms; next poll {NextPoll:u}",
            source.Id, source.Url, saved.New, saved.Updated, body.Length, (long)clock.GetElapsedTime(started).TotalMilliseconds, nextPoll);
        return (saved, null);
    }

    private (ParsedFeed? Feed, string? Error) Parse(byte[] body, Uri feedUrl, string? contentType, IReadOnlyList<string>? links)
    {
        try
        {
            return (FeedParser.Parse(body, new FeedParseContext(feedUrl, contentType, _defaultZone, links)), null);
        }
        catch (FeedParseException parseError)
        {
            return (null, "not a readable feed: " + parseError.Message);
        }
    }

    // One save path for polls and pushes: the rules are read once, and only when there is something to decide.
    private async Task<PollSaveResult> StoreAsync(Source source, ParsedFeed? feed, PollRecord record, CancellationToken cancellationToken)
    {
        var filtering = feed is { Entries.Count: > 0 }
            ? (await rules.LoadForSourceAsync(source.Id, cancellationToken)).Filter(feed.Entries, source.Id)
            : null;
        // Saved without the caller's token: once fetched, a poll is recorded whole or not at all, never half.
        var saved = await entries.SavePollAsync(record, filtering?.Kept ?? [], CancellationToken.None);
        if (filtering is not null)
        {
            await rules.AddMatchesAsync(filtering.Matches, CancellationToken.None);
            LogRules(source, feed!.Entries.Count, filtering);
        }
        if (saved.New + saved.Updated > 0)
        {
            revision.Invalidate();
        }
        return saved;
    }

    private void LogRules(Source source, int entryCount, Core.Ingestion.Rules.RuleFiltering filtering)
    {
        if (filtering.Dropped > 0)
        {
            logger.LogInformation("Editorial rules dropped {Dropped} of {Entries} entries of source {SourceId}", filtering.Dropped, entryCount, source.Id);
        }
        foreach (var (ruleId, count) in filtering.TimedOut)
        {
            logger.LogWarning(
                "Editorial rule {RuleId} ran out of time on {Count} entries of source {SourceId}; counted as no match", ruleId, count, source.Id);
        }
    }
}
