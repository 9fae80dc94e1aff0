using Microsoft.Extensions.Options;
using Syndication.Storage.Ingestion;
using Syndication.Worker.Cluster;
using Syndication.Worker.Ingestion.Polling;
using Syndication.Worker.Operations.Health;

namespace Syndication.Worker.Ingestion.Scheduling;

/// <summary>
/// The node's one poll loop: claims due sources from the store (as many as it has free poll slots), polls each under
/// its lease, and sleeps until the next source is due, a poll ends, or "poll now" wakes it. The stored next poll time
/// is the only schedule, so any number of nodes share it and each due source is polled by one of them.
/// </summary>
public sealed class PollDispatcher(
    LeasedPoller leased,
    SourceStore sources,
    LeaseOwner owner,
    TimeProvider clock,
    IOptions<IngestionOptions> options,
    StorageHealth storage,
    ILogger<PollDispatcher> logger) : IHostedService, IDisposable
{
    // A due source another claimer is taking this instant (PostgreSQL skips its locked row) is looked at again soon.
    private static readonly TimeSpan ShortestSleep = TimeSpan.FromMilliseconds(200);

    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly HashSet<Task> _running = [];
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;

    // Sources added from the CLI or on another node are not announced here: look at least this often.
    private TimeSpan LongestSleep => TimeSpan.FromSeconds(options.Value.CheckSeconds);

    /// <summary>Whether the loop runs (it does from start to stop when ingestion is on).</summary>
    public bool IsRunning => _loop is { IsCompleted: false };

    /// <summary>How many times the loop has asked the store for due sources, for tests that wait for a round.</summary>
    public long Rounds => Interlocked.Read(ref _rounds);

    private long _rounds;

    /// <summary>Looks for due sources now (a source was made due on this node).</summary>
    public void Wake() => Volatile.Read(ref _wake).TrySetResult();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }
        Task[] running;
        lock (_running)
        {
            running = [.. _running];
        }
        try
        {
            // Polls under way finish (within the shutdown timeout) rather than be fetched again by another node.
            await Task.WhenAll(running).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await _abort.CancelAsync();
            await Task.WhenAll(running).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
        try
        {
            await sources.ReleaseLeasesAsync(owner.Name, CancellationToken.None);
        }
        catch (Exception error) when (storage.Observe(error) is not null)
        {
            // Unreleased, the leases simply run out.
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var slots = options.Value.MaxConcurrentPolls;
        while (!stopping.IsCancellationRequested)
        {
            var wake = Volatile.Read(ref _wake);
            if (wake.Task.IsCompleted)
            {
                Interlocked.CompareExchange(ref _wake, new(TaskCreationOptions.RunContinuationsAsynchronously), wake);
                wake = Volatile.Read(ref _wake);
            }
            Task[] running;
            lock (_running)
            {
                _running.RemoveWhere(task => task.IsCompleted);
                running = [.. _running];
            }
            var free = slots - running.Length;
            var sleep = LongestSleep;
            try
            {
                if (free > 0)
                {
                    Interlocked.Increment(ref _rounds);
                    var claimed = await leased.ClaimDueAsync(free, stopping);
                    foreach (var source in claimed)
                    {
                        var poll = Task.Run(() => leased.PollClaimedAsync(source, _abort.Token), CancellationToken.None);
                        lock (_running)
                        {
                            _running.Add(poll);
                        }
                    }
                    if (claimed.Count == free)
                    {
                        continue; // every slot taken: the next round waits for one to free
                    }
                    sleep = await UntilNextDueAsync(stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error) when (storage.Observe(error) is { } failure)
            {
                logger.LogWarning("Could not claim due sources: {Problem}", failure.Problem);
                sleep = TimeSpan.FromSeconds(5);
            }
            catch (Exception error)
            {
                logger.LogError(error, "Could not claim due sources");
                sleep = TimeSpan.FromSeconds(5);
            }
            try
            {
                await Task.WhenAny([wake.Task, Task.Delay(sleep, clock, stopping), .. running]);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<TimeSpan> UntilNextDueAsync(CancellationToken stopping)
    {
        if (await sources.NextClaimableAsync(stopping) is not { } next)
        {
            return LongestSleep;
        }
        var wait = next - clock.GetUtcNow();
        return wait < ShortestSleep ? ShortestSleep : wait > LongestSleep ? LongestSleep : wait;
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _abort.Dispose();
    }
}
