using Syndication.Storage.Partners;

namespace Syndication.Worker.Partners;

/// <summary>
/// Counts partner requests and bytes in memory, per partner and UTC day, and adds them to the store in one
/// transaction per flush: a database write per request would cost more than the request.
/// </summary>
public sealed class UsageRecorder(PartnerStore store, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private Dictionary<(long PartnerId, DateOnly Day), Counts> _pending = [];

    /// <summary>One answered request: its status decides whether it counts as a 304 or a 429 too.</summary>
    public void Record(long partnerId, int status, long bytes)
    {
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        lock (_gate)
        {
            if (!_pending.TryGetValue((partnerId, day), out var counts))
            {
                counts = new Counts();
                _pending[(partnerId, day)] = counts;
            }
            counts.Requests++;
            counts.NotModified += status == StatusCodes.Status304NotModified ? 1 : 0;
            counts.Throttled += status == StatusCodes.Status429TooManyRequests ? 1 : 0;
            counts.Bytes += bytes;
        }
    }

    /// <summary>Writes what was counted since the last flush; on failure the counts are kept for the next one.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        Dictionary<(long PartnerId, DateOnly Day), Counts> taken;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }
            taken = _pending;
            _pending = [];
        }
        try
        {
            await store.AddUsageAsync(
                [.. taken.Select(pair => new UsageDelta(pair.Key.PartnerId, pair.Key.Day, pair.Value.Requests, pair.Value.NotModified, pair.Value.Throttled, pair.Value.Bytes))],
                cancellationToken);
        }
        catch
        {
            lock (_gate)
            {
                foreach (var (key, counts) in taken)
                {
                    if (_pending.TryGetValue(key, out var newer))
                    {
                        counts.Add(newer);
                    }
                    _pending[key] = counts;
                }
            }
            throw;
        }
    }

    private sealed class Counts
    {
        public long Requests;
        public long NotModified;
        public long Throttled;
        public long Bytes;

        public void Add(Counts other)
        {
            Requests += other.Requests;
            NotModified += other.NotModified;
            Throttled += other.Throttled;
            Bytes += other.Bytes;
        }
    }
}
