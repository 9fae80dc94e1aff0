using Microsoft.Extensions.Options;

namespace Syndication.Worker.Ingestion.Polling;

/// <summary>The global cap on polls running at once, shared by the scheduler and `syndication poll`.</summary>
public sealed class PollGate(IOptions<IngestionOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentPolls, options.Value.MaxConcurrentPolls);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

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
