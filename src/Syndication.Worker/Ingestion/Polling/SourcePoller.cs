using Microsoft.Extensions.Options;
using Syndication.Core.Ingestion;
using Syndication.Core.Ingestion.Scheduling;
using Syndication.Core.Ingestion.Sources;
using Syndication.Storage.Ingestion;
using Syndication.Storage.Rules;
using Syndication.Worker.Ingestion.Fetching;
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
    SyndicationMetrics? metrics = null)
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
            try
            {
                feed = FeedParser.Parse(fetch.Body ?? [], new FeedParseContext(fetch.FinalUrl, fetch.ContentType, _defaultZone));
            }
            catch (FeedParseException parseError)
            {
                error = "not a readable feed: " + parseError.Message;
            }
        }

        var succeeded = error is null;
        var outcome = new PollOutcome(
            succeeded ? 0 : source.ConsecutiveFailures + 1,
            feed is null ? [] : [.. feed.Entries.Select(entry => entry.Published ?? entry.Updated).OfType<DateTimeOffset>()],
            feed?.Ttl,
            fetch.RetryAfter,
            source.IntervalMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : null);
        var nextPoll = now + PollScheduler.NextDelay(_policy, outcome, Random.Shared.NextDouble());
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
        // The rules are read once per poll, and only when there is something to decide.
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
