using Syndication.Storage.Ingestion;
using Syndication.Worker.Ingestion.Scheduling;

namespace Syndication.Worker.Ingestion.Polling;

/// <summary>
/// "Poll now" for one source in the running service: makes it due now and wakes this node's poll loop, so the poll
/// runs under the source's lease like any other (never beside another node's poll of it), and waits (a while) until
/// that poll is recorded. A node with ingestion off polls it itself, under the same lease.
/// </summary>
public sealed class PollNow(SourceStore sources, LeasedPoller leased, PollDispatcher dispatcher, TimeProvider clock)
{
    /// <summary>False when there is no active source with this id.</summary>
    public async Task<bool> PollAsync(long id, CancellationToken cancellationToken)
    {
        var source = await sources.GetAsync(id, cancellationToken);
        if (source is null || !source.IsActive)
        {
            return false;
        }
        if (!dispatcher.IsRunning)
        {
            await leased.PollNowAsync(id, cancellationToken);
            return true;
        }
        if (!await sources.MakeDueAsync(id, cancellationToken))
        {
            return false;
        }
        dispatcher.Wake();
        var started = clock.GetTimestamp();
        while (clock.GetElapsedTime(started) < LeasedPoller.Patience)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), clock, cancellationToken);
            if ((await sources.GetAsync(id, cancellationToken))?.LastPoll != source.LastPoll)
            {
                break;
            }
        }
        return true;
    }
}
