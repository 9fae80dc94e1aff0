using System.Threading.RateLimiting;

namespace Syndication.Worker.Partners;

/// <summary>
/// One key's fixed window: <c>permits</c> requests from the first request of a window until <c>window</c> after it.
/// A refusal carries the time until that window ends — when a request is really free again. (.NET's
/// <see cref="FixedWindowRateLimiter"/> always answers a whole window, so every 429 said "60 s".)
/// </summary>
internal sealed class PartnerWindowLimiter(int permits, TimeSpan window, TimeProvider clock) : RateLimiter
{
    private static readonly RateLimitLease Granted = new Lease(acquired: true, retryAfter: null);

    private readonly Lock _lock = new();
    private DateTimeOffset _windowEnd = DateTimeOffset.MinValue;
    private int _used;
    private long _refused;
    private long _granted;

    /// <summary>Idle (and so free to be dropped by the partitioned limiter) only once its window is over: dropping
    /// it then loses nothing, dropping it earlier would hand out a fresh window too soon.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                var now = clock.GetUtcNow();
                return now >= _windowEnd ? now - _windowEnd : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = clock.GetUtcNow() >= _windowEnd ? permits : permits - _used,
                CurrentQueuedCount = 0,
                TotalFailedLeases = _refused,
                TotalSuccessfulLeases = _granted,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, permits);
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (now >= _windowEnd)
            {
                _windowEnd = now + window;
                _used = 0;
            }
            if (_used + permitCount <= permits)
            {
                _used += permitCount;
                _granted++;
                return Granted;
            }
            _refused++;
            return new Lease(acquired: false, retryAfter: _windowEnd - now);
        }
    }

    /// <summary>No queue: a request over the rate is refused at once, as <see cref="AttemptAcquireCore"/> does.</summary>
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
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
