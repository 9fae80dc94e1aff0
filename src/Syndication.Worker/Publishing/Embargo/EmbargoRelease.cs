using Microsoft.Extensions.Options;
using Syndication.Storage.Articles;

namespace Syndication.Worker.Publishing.Embargo;

/// <summary>
/// Publishes articles under embargo when their time comes: sleeps until the next release time (or at most
/// <see cref="EmbargoOptions.ReleaseCheckSeconds"/>, or until an article is saved), releases what is due in one
/// transaction, then tells caches, coverage and the WebSub hub. Waits on <see cref="TimeProvider"/>, so a release is
/// on time to the timer's precision, and tests can move the clock. Releasing is idempotent: several nodes may run it.
/// </summary>
public sealed class EmbargoRelease(
    ArticleStore store,
    ArchiveChanges changes,
    ReleaseSignal signal,
    TimeProvider clock,
    IOptions<EmbargoOptions> options,
    ILogger<EmbargoRelease> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var longest = TimeSpan.FromSeconds(options.Value.ReleaseCheckSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var woken = signal.Next;
            var wait = longest;
            try
            {
                var released = await store.ReleaseDueAsync(stoppingToken);
                if (released.Count > 0)
                {
                    logger.LogInformation("Released {Count} articles from embargo: {Slugs}", released.Count, string.Join(", ", released));
                    await changes.ChangedAsync(stoppingToken);
                }
                if (await store.GetNextReleaseAsync(stoppingToken) is { } next)
                {
                    // A time already passed (while this round ran) is released by the next round at once; it cannot
                    // spin, since a due article is released by that round.
                    wait = TimeSpan.FromTicks(Math.Clamp((next - clock.GetUtcNow()).Ticks, 0, longest.Ticks));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                // A fault of ours (the database) must not end the releases; the next round tries again.
                logger.LogError(error, "Embargo release failed; trying again in {Seconds} s", longest.TotalSeconds);
            }
            await WaitAsync(wait, woken, stoppingToken);
        }
    }

    private async Task WaitAsync(TimeSpan wait, Task woken, CancellationToken stoppingToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(wait, clock, timer.Token);
        await Task.WhenAny(delay, woken);
        await timer.CancelAsync();
    }
}
