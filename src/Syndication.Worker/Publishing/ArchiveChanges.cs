using Quartz;
using Syndication.Worker.Publishing.Embargo;
using Syndication.Worker.Publishing.WebSub;
using Syndication.Worker.Search;

namespace Syndication.Worker.Publishing;

/// <summary>
/// What follows a change to the archive made by this process (an API write, a release from embargo): caches look
/// at the store again at once, the embargo release plans anew, and the related coverage and the WebSub hub are
/// worked out now rather than at their next rounds.
/// </summary>
public sealed class ArchiveChanges(ArchiveRevision revision, ReleaseSignal release, ISchedulerFactory schedulers)
{
    public async Task ChangedAsync(CancellationToken cancellationToken)
    {
        revision.Invalidate();
        release.Wake();
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (scheduler.Status != SchedulerStatus.Running)
        {
            return;
        }
        foreach (var job in new[] { RelatingJob.Key, WebSubCheckJob.Key })
        {
            if (await scheduler.Exists(job, cancellationToken))
            {
                await scheduler.TriggerJob(job, cancellationToken);
            }
        }
    }
}
