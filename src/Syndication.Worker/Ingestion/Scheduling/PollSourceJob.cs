using Microsoft.Extensions.Options;
using Quartz;
using Syndication.Storage.Ingestion;
using Syndication.Worker.Ingestion.Polling;
using Syndication.Worker.Operations.Health;

namespace Syndication.Worker.Ingestion.Scheduling;

/// <summary>Polls one source (one job per source, never two at once for it) and moves its trigger to the next poll time.</summary>
[DisallowConcurrentExecution]
public sealed class PollSourceJob(
    SourceStore sources,
    SourcePoller poller,
    TimeProvider clock,
    IOptions<IngestionOptions> options,
    StorageHealth storage,
    ILogger<PollSourceJob> logger) : IJob
{
    public const string SourceIdKey = "sourceId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var sourceId = context.MergedJobDataMap.GetLong(SourceIdKey);
        var source = await sources.GetAsync(sourceId, cancellationToken);
        if (source is null || !source.IsActive)
        {
            await context.Scheduler.DeleteJob(context.JobDetail.Key, CancellationToken.None);
            return;
        }
        DateTimeOffset nextPoll;
        try
        {
            nextPoll = (await poller.PollAsync(source, cancellationToken)).NextPoll;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception error) when (storage.Observe(error) is { } failure)
        {
            // Named in one line (and kept for readiness); the source keeps its place in the schedule.
            logger.LogWarning("Poll of source {SourceId} could not be stored: {Problem}", sourceId, failure.Problem);
            nextPoll = clock.GetUtcNow().AddMinutes(options.Value.DefaultIntervalMinutes);
        }
        catch (Exception error)
        {
            // A fault of ours (not the source's) must not drop the source from the schedule.
            logger.LogError(error, "Poll of source {SourceId} failed unexpectedly", sourceId);
            nextPoll = clock.GetUtcNow().AddMinutes(options.Value.DefaultIntervalMinutes);
        }
        var trigger = SourceSchedule.TriggerFor(sourceId, nextPoll);
        await context.Scheduler.RescheduleJob(trigger.Key, trigger, CancellationToken.None);
    }
}
