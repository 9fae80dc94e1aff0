using Microsoft.Extensions.Options;
using Syndication.Storage;
using Syndication.Storage.Publishing;
using Syndication.Worker.Configuration;

namespace Syndication.Worker.Publishing.WebSub;

/// <summary>
/// Tells the configured WebSub hub which published feeds changed: records every catalog feed's tag, and pings the hub
/// once per changed or new feed, retrying failed pings later with backoff. The first look at an empty table is a
/// baseline and pings nothing: a hub has no subscribers for feeds it was never told about, so announcing every feed
/// on a fresh install (or on the upgrade that adds the table) would be hundreds of pings that inform no one.
/// </summary>
internal sealed class WebSubNotifier(
    FeedCatalog catalog,
    FeedPublisher publisher,
    ArchiveRevision revision,
    PublishedFeedStore store,
    HubPinger pinger,
    SiteProvider sites,
    TimeProvider clock,
    IOptions<SyndicationOptions> options,
    IOptions<WebSubOptions> webSub,
    ILogger<WebSubNotifier> logger) : IDisposable
{
    // A few pings in flight keep a burst of changes quick without hammering the hub.
    private const int PingsAtOnce = 4;

    // One check at a time: the Quartz job and a caller (a test, a future CLI verb) must not both ping one change.
    private readonly SemaphoreSlim _gate = new(1, 1);

    // The store state and local day whose tags are recorded; feeds only change when one of them moves, so checks
    // in between need not render anything.
    private (StoreRevisions Revisions, DateOnly Day)? _recorded;

    /// <summary>Records what changed and sends the pings that are due; does nothing when no hub is configured.</summary>
    public async Task<WebSubCheckReport> CheckAsync(CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(options.Value.WebSubHub, UriKind.Absolute, out var hub))
        {
            return WebSubCheckReport.Nothing;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var recorded = await RecordTagsAsync(hub, cancellationToken);
            var (accepted, failed) = await PingDueAsync(hub, cancellationToken);
            return new WebSubCheckReport(recorded, accepted, failed);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<FeedTagReport?> RecordTagsAsync(Uri hub, CancellationToken cancellationToken)
    {
        var state = (await revision.CurrentAsync(cancellationToken), DateOnly.FromDateTime(sites.Site.Local(clock.GetUtcNow()).DateTime));
        if (_recorded == state)
        {
            return null;
        }
        var tags = new List<FeedTag>();
        foreach (var feed in await catalog.ListAsync(cancellationToken))
        {
            if (await publisher.GetAsync(feed.Address, page: null, cancellationToken) is { } rendered)
            {
                tags.Add(new FeedTag(feed.Address.Path, rendered.Tag));
            }
        }
        var report = await store.RecordTagsAsync(tags, cancellationToken);
        // Revisions read before rendering: a change during it only makes the next check look again.
        _recorded = state;
        if (report.Baseline)
        {
            logger.LogInformation("WebSub: recorded the current version of {Feeds} feeds; from now on changes are announced to {Hub}", tags.Count, hub);
        }
        return report;
    }

    private async Task<(int Accepted, int Failed)> PingDueAsync(Uri hub, CancellationToken cancellationToken)
    {
        var due = await store.ListDueAsync(cancellationToken);
        int accepted = 0, failed = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = PingsAtOnce, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(due, parallel, async (feed, token) =>
        {
            // Once the hub has failed in this check, the rest wait for the next one: a hub that is down gets
            // a handful of requests per check, not one per changed feed.
            if (Volatile.Read(ref failed) > 0)
            {
                return;
            }
            var url = sites.Site.Url(feed.Path);
            var result = await pinger.PingAsync(hub, url, token);
            if (result.Accepted)
            {
                await store.MarkPingedAsync(feed.Path, feed.Tag, token);
                Interlocked.Increment(ref accepted);
                logger.LogInformation("WebSub hub {Hub} accepted the ping for {FeedUrl} (HTTP {Status}, {ElapsedMs:0} ms)",
                    hub, url, result.Status, result.Elapsed.TotalMilliseconds);
                return;
            }
            Interlocked.Increment(ref failed);
            var failures = feed.PingFailures + 1;
            var next = clock.GetUtcNow() + PingBackoff.Delay(TimeSpan.FromSeconds(webSub.Value.WebSubRetrySeconds), failures, Random.Shared.NextDouble());
            await store.MarkPingFailedAsync(feed.Path, result.Error ?? "failed", next, token);
            logger.LogWarning("WebSub ping to {Hub} for {FeedUrl} failed after {ElapsedMs:0} ms: {Error}; failure {Failures}, next attempt at {NextAttempt:o}",
                hub, url, result.Elapsed.TotalMilliseconds, result.Error, failures, next);
        });
        return (accepted, failed);
    }

    public void Dispose() => _gate.Dispose();
}
