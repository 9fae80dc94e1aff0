using Quartz;
using Syndication.Storage.Ingestion;
using Syndication.Worker.Ingestion.Scheduling;

namespace Syndication.Worker.Ingestion.Polling;

/// <summary>
/// "Poll now" for one source in the running service: through the source's own scheduled job when it has one, so it
/// never runs beside a scheduled poll of the same source, and waits (a while) until that poll is recorded.
/// </summary>
public sealed class PollNow(SourceStore sources, SourcePoller poller, ISchedulerFactory schedulers, TimeProvider clock)
{
    /// <summary>How long to wait for a poll run by the scheduler to be recorded before answering anyway.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>False when there is no active source with this id.</summary>
    public async Task<bool> PollAsync(long id, CancellationToken cancellationToken)
    {
        var source = await sources.GetAsync(id, cancellationToken);
        if (source is null || !source.IsActive)
        {
            return false;
        }
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = SourceSchedule.JobKeyFor(id);
        if (scheduler.Status != SchedulerStatus.Running || !await scheduler.Exists(job, cancellationToken))
        {
            await poller.PollAsync(source, cancellationToken);
            return true;
        }
        await scheduler.TriggerJob(job, cancellationToken);
        var started = clock.GetTimestamp();
        while (clock.GetElapsedTime(started) < Patience)
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
