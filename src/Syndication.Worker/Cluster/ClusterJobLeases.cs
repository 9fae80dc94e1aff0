using Quartz;
using Syndication.Storage;
using Syndication.Storage.Cluster;
using Syndication.Worker.Operations.Health;

namespace Syndication.Worker.Cluster;

/// <summary>
/// Lets the scheduled jobs (retention, maintenance, export, the WebSub check and ping, relating) run on one node of
/// a cluster: before a job runs, the node takes or extends the job's lease in the database (for one and a half of the
/// job's periods, at least a minute), and extends it again when the run ends; a node that does not get it skips the
/// run. The holder keeps the job while it lives; when it stops (its leases are given up) or dies (they run out), the
/// next node whose trigger fires takes it over. One SQLite file has one host, which is trivially the one node:
/// nothing is claimed there.
/// </summary>
internal sealed class ClusterJobLeases(
    Database database,
    JobLeaseStore leases,
    LeaseOwner owner,
    StorageHealth storage,
    ILogger<ClusterJobLeases> logger) : ITriggerListener
{
    // Longer than a run of any of these jobs normally takes, so a slow run keeps its lease to the end.
    private static readonly TimeSpan ShortestLease = TimeSpan.FromMinutes(1);

    public string Name => nameof(ClusterJobLeases);

    public async ValueTask<bool> VetoJobExecution(ITrigger trigger, IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (database.Engine == DatabaseEngine.Sqlite)
        {
            return false;
        }
        var job = context.JobDetail.Key;
        try
        {
            if (await TryClaimAsync(trigger, context, cancellationToken))
            {
                return false;
            }
            logger.LogDebug("Skipped {Job}: another node holds its lease", job);
            return true;
        }
        catch (Exception error) when (storage.Observe(error) is { } failure)
        {
            logger.LogWarning("Skipped {Job}: its lease could not be taken: {Problem}", job, failure.Problem);
            return true;
        }
    }

    public async ValueTask TriggerComplete(ITrigger trigger, IJobExecutionContext context, SchedulerInstruction triggerInstructionCode,
        CancellationToken cancellationToken = default)
    {
        if (database.Engine == DatabaseEngine.Sqlite)
        {
            return;
        }
        try
        {
            // From the end of the run: the next run (one period on) finds the lease still this node's.
            await TryClaimAsync(trigger, context, cancellationToken);
        }
        catch (Exception error) when (storage.Observe(error) is not null || error is OperationCanceledException)
        {
            // The next trigger tries again.
        }
    }

    private async Task<bool> TryClaimAsync(ITrigger trigger, IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var job = context.JobDetail.Key;
        var period = await PeriodOfAsync(context.Scheduler, job, trigger, cancellationToken);
        var lease = period * 1.5 < ShortestLease ? ShortestLease : period * 1.5;
        return await leases.TryClaimAsync(job.ToString(), owner.Name, lease, cancellationToken);
    }

    // A run asked for now (after an API write) has no period of its own: the job's repeating trigger gives it.
    private static async Task<TimeSpan> PeriodOfAsync(IScheduler scheduler, JobKey job, ITrigger trigger, CancellationToken cancellationToken)
    {
        if (trigger is ISimpleTrigger { RepeatInterval.Ticks: > 0 } repeating)
        {
            return repeating.RepeatInterval;
        }
        var triggers = await scheduler.GetTriggersOfJob(job, cancellationToken);
        return triggers.OfType<ISimpleTrigger>().Select(simple => simple.RepeatInterval).Where(interval => interval > TimeSpan.Zero)
            .DefaultIfEmpty(TimeSpan.FromMinutes(1)).Max();
    }
}
