using System.Diagnostics.Metrics;
using Syndication.Storage;
using Syndication.Worker.Ingestion.Fetching;
using Syndication.Worker.Publishing;

namespace Syndication.Worker.Operations.Metrics;

/// <summary>
/// The service's instruments (meter "Syndication"). The Prometheus exporter turns the dotted names and units into
/// <c>syndication_polls_total</c>, <c>syndication_poll_duration_seconds</c>, <c>syndication_database_bytes</c> and so on.
/// </summary>
public sealed class SyndicationMetrics
{
    public const string MeterName = "Syndication";

    private static readonly string[] Outcomes = ["fetched", "not_modified", "gone", "retry_later", "failed"];

    private readonly Counter<long> _polls;
    private readonly Histogram<double> _pollDuration;
    private readonly Counter<long> _entries;
    private readonly Counter<long> _fetchedBytes;
    private readonly Counter<long> _feedRequests;
    private readonly Histogram<double> _renderDuration;

    public SyndicationMetrics(IMeterFactory meters, Database database, FailingSources failingSources, Publishing.FeedCache feeds,
        Microsoft.Extensions.Options.IOptions<Configuration.SyndicationOptions> options)
    {
        var meter = meters.Create(MeterName);
        // Which node answered the scrape (Syndication:NodeName), so series from several nodes can be told apart and joined.
        var node = new KeyValuePair<string, object?>("node", options.Value.NodeName);
        meter.CreateObservableGauge("syndication.node", () => new Measurement<int>(1, node),
            description: "Always 1, labelled with this node's name (Syndication:NodeName)");
        meter.CreateObservableCounter("syndication.storage.event_loop_opens", () => EventLoopGuard.Opens,
            description: "Stores opened on a socket event-loop thread, which stalls that loop's requests: a bug, 0 expected");
        _polls = meter.CreateCounter<long>("syndication.polls", description: "Polls by outcome: fetched, not_modified, gone, retry_later, failed");
        _pollDuration = meter.CreateHistogram<double>("syndication.poll.duration", "s", "Time of one poll, fetch to stored",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
        _entries = meter.CreateCounter<long>("syndication.entries", description: "Ingested entries stored, by change: new, updated");
        _fetchedBytes = meter.CreateCounter<long>("syndication.fetched", "By", "Feed bytes fetched, after decompression");
        _feedRequests = meter.CreateCounter<long>("syndication.feed.requests", description: "Feed requests by feed kind and HTTP status");
        _renderDuration = meter.CreateHistogram<double>("syndication.feed.render", "s", "Time to build one feed document on a cache miss",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        if (database is SqliteDatabase file)
        {
            meter.CreateObservableGauge("syndication.database", () => DatabaseBytes(file.Path), "By", "Size of the SQLite file and its WAL");
        }
        meter.CreateObservableGauge("syndication.feed.cache", () => feeds.Bytes, "By",
            "Rendered feeds kept ready to serve (bodies and a reserve for their compressed forms), bounded by FeedCacheMegabytes");
        meter.CreateObservableGauge("syndication.database.memory", () => SQLitePCL.raw.sqlite3_memory_used(), "By",
            "Memory SQLite holds in this process: page caches of every open connection, statements, the search indexes' buffers");
        meter.CreateObservableGauge("syndication.sources.failing", () => failingSources.Observe(),
            description: "Active sources whose last poll failed (consecutive_failures > 0), refreshed at most every 15 s");

        // Every outcome and change is exported from the start, so rate() and ratios work before the first poll.
        foreach (var outcome in Outcomes)
        {
            _polls.Add(0, new KeyValuePair<string, object?>("outcome", outcome));
        }
        _entries.Add(0, new KeyValuePair<string, object?>("change", "new"));
        _entries.Add(0, new KeyValuePair<string, object?>("change", "updated"));
    }

    /// <summary>One finished poll; a body that was fetched but could not be read counts as failed.</summary>
    public void RecordPoll(FetchOutcome outcome, bool failed, TimeSpan elapsed, int newEntries, int updatedEntries, long bytes)
    {
        var label = failed && outcome == FetchOutcome.Fetched ? "failed" : Label(outcome);
        _polls.Add(1, new KeyValuePair<string, object?>("outcome", label));
        _pollDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", label));
        _entries.Add(newEntries, new KeyValuePair<string, object?>("change", "new"));
        _entries.Add(updatedEntries, new KeyValuePair<string, object?>("change", "updated"));
        _fetchedBytes.Add(bytes);
    }

    public void RecordFeedRequest(FeedKind kind, int status) =>
        _feedRequests.Add(1, new KeyValuePair<string, object?>("kind", Label(kind)), new KeyValuePair<string, object?>("status", status));

    public void RecordRender(FeedKind kind, TimeSpan elapsed) =>
        _renderDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("kind", Label(kind)));

    private static string Label(FetchOutcome outcome) => outcome switch
    {
        FetchOutcome.Fetched => "fetched",
        FetchOutcome.NotModified => "not_modified",
        FetchOutcome.Gone => "gone",
        FetchOutcome.RetryLater => "retry_later",
        _ => "failed",
    };

    private static string Label(FeedKind kind) => kind switch
    {
        FeedKind.Site => "site",
        FeedKind.Section => "section",
        FeedKind.Author => "author",
        FeedKind.Tag => "tag",
        FeedKind.Archive => "archive",
        FeedKind.SectionRelated => "section_related",
        FeedKind.ArticleRelated => "article_related",
        _ => "related",
    };

    private static long DatabaseBytes(string path) => FileBytes(path) + FileBytes(path + "-wal");

    private static long FileBytes(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? file.Length : 0;
    }
}
