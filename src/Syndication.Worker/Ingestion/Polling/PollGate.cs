using System.Runtime;
using Microsoft.Extensions.Options;

namespace Syndication.Worker.Ingestion.Polling;

/// <summary>
/// The global cap on polls running at once, shared by the scheduler and `syndication poll`; and, within it, one poll at
/// a time that parses a large body: a body near the fetch limit costs several times its size while it is decoded,
/// parsed and cleaned, and four of them at once took the process from ~250 MB to ~1 GB.
/// </summary>
public sealed class PollGate(IOptions<IngestionOptions> options, ILogger<PollGate> logger) : IDisposable
{
    /// <summary>A body this large or larger is parsed by one poll at a time.</summary>
    public const int LargeBodyBytes = 1024 * 1024;

    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentPolls, options.Value.MaxConcurrentPolls);
    private readonly SemaphoreSlim _large = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Slot(_slots);
    }

    /// <summary>The turn to parse and store a body of <paramref name="bytes"/>: at once for a small one.</summary>
    public async Task<IDisposable?> EnterParseAsync(long bytes, CancellationToken cancellationToken)
    {
        if (bytes < LargeBodyBytes)
        {
            return null;
        }
        await _large.WaitAsync(cancellationToken);
        return new LargeSlot(this);
    }

    /// <summary>
    /// After a large body, the megabytes it cost (a 10 MB body leaves several times its size) are garbage in the large
    /// object heap, which the collector leaves for a while: the hostile sources' bodies in a row stacked them up to
    /// 415 MB. So they are collected then, with the large object heap compacted, before the next large body is parsed:
    /// a pause of 7–50 ms (the live heap is some 50 MB) after each of the rare feeds of a megabyte or more.
    /// </summary>
    private void LeaveLarge()
    {
        var paused = GC.GetTotalPauseDuration();
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        logger.LogDebug(
            "Collected after a large body: paused {Milliseconds:0.0} ms, heap {Megabytes} MB",
            (GC.GetTotalPauseDuration() - paused).TotalMilliseconds,
            GC.GetTotalMemory(false) / (1024 * 1024));
        _large.Release();
    }

    public void Dispose()
    {
        _slots.Dispose();
        _large.Dispose();
    }

    private sealed class LargeSlot(PollGate gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.LeaveLarge();
            }
        }
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
