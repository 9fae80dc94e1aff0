using System.Threading.RateLimiting;
using Syndication.Storage.Partners;

namespace Syndication.Worker.Partners;

/// <summary>
/// One key's fixed window counted in the shared database (nodes on PostgreSQL), so the key's rate holds for the
/// cluster rather than per node: each request is counted there (one upsert), and once the window is full this node
/// refuses the key's requests without asking again until the window ends.
/// </summary>
/// <remarks>
/// The rate-limiting middleware tries <see cref="AttemptAcquireCore"/> first and, when that does not grant, waits on
/// <see cref="AcquireAsyncCore"/>: the first only answers what this node already knows (a full window), the second asks
/// the database.
/// </remarks>
internal sealed class ClusterWindowLimiter(long partnerId, int permits, TimeSpan window, PartnerStore store, TimeProvider clock) : RateLimiter
{
    private static readonly RateLimitLease Granted = new WindowLease(acquired: true, retryAfter: null);
    private static readonly RateLimitLease AskTheDatabase = new WindowLease(acquired: false, retryAfter: null);

    private readonly Lock _lock = new();
    private DateTimeOffset _fullUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _lastUsed;
    private long _refused;
    private long _granted;

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                // Nothing is lost by dropping it once its known full window is over: the count lives in the database.
                var now = clock.GetUtcNow();
                return now >= _fullUntil ? now - _lastUsed : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = clock.GetUtcNow() < _fullUntil ? 0 : permits,
                CurrentQueuedCount = 0,
                TotalFailedLeases = _refused,
                TotalSuccessfulLeases = _granted,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            _lastUsed = now;
            if (now < _fullUntil)
            {
                _refused++;
                return new WindowLease(acquired: false, retryAfter: _fullUntil - now);
            }
            return AskTheDatabase;
        }
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (AttemptAcquireCore(permitCount) is { IsAcquired: false } refused && refused != AskTheDatabase)
        {
            return refused;
        }
        var (used, windowEnd) = await store.CountInWindowAsync(partnerId, window, cancellationToken);
        lock (_lock)
        {
            if (used <= permits)
            {
                _granted++;
                return Granted;
            }
            _refused++;
            _fullUntil = windowEnd;
            var wait = windowEnd - clock.GetUtcNow();
            return new WindowLease(acquired: false, retryAfter: wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
        }
    }

    private sealed class WindowLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = wait;
                return true;
            }
            metadata = null;
            return false;
        }
    }
}
