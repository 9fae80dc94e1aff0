using System.Diagnostics.Metrics;
using Syndication.Storage.Ingestion;

namespace Syndication.Worker.Operations.Metrics;

/// <summary>
/// How many active sources are failing, for a gauge: a scrape reads the cached count and, when it is older than
/// <see cref="MaxAge"/>, starts one refresh in the background, so scrapes never wait on or multiply queries.
/// </summary>
public sealed class FailingSources(SourceStore sources, TimeProvider clock, ILogger<FailingSources> logger)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(15);

    private long _count = -1;
    private long _refreshedAt = long.MinValue;
    private int _refreshing;

    /// <summary>The cached count (none until the first refresh finished), starting a refresh when it is stale.</summary>
    public IEnumerable<Measurement<long>> Observe()
    {
        if (IsStale() && Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0)
        {
            _ = Task.Run(RefreshAsync);
        }
        var count = Interlocked.Read(ref _count);
        return count < 0 ? [] : [new Measurement<long>(count)];
    }

    /// <summary>Counts now; the first scrape after start can call this to have a value at once.</summary>
    public async Task RefreshAsync()
    {
        try
        {
            var active = await sources.ListAsync(includeRemoved: false, CancellationToken.None);
            Interlocked.Exchange(ref _count, active.Count(source => source.IsActive && source.ConsecutiveFailures > 0));
            Interlocked.Exchange(ref _refreshedAt, clock.GetTimestamp());
        }
        catch (System.Data.Common.DbException error)
        {
            logger.LogWarning(error, "Could not count failing sources for metrics");
        }
        finally
        {
            Interlocked.Exchange(ref _refreshing, 0);
        }
    }

    private bool IsStale()
    {
        var at = Interlocked.Read(ref _refreshedAt);
        return at == long.MinValue || clock.GetElapsedTime(at) > MaxAge;
    }
}
