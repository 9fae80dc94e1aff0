using Microsoft.Extensions.Options;
using Quartz;
using Syndication.Storage.Ingestion;

namespace Syndication.Worker.Ingestion.Scheduling;

/// <summary>Keeps one Quartz job per active source, each due at the next poll time stored in the database.</summary>
public sealed class SourceSchedule(
    ISchedulerFactory schedulers,
    SourceStore sources,
    TimeProvider clock,
    IOptions<IngestionOptions> options,
    ILogger<SourceSchedule> logger)
{
    private const string Group = "sources";

    /// <summary>Adds jobs for new sources and deletes those of removed ones; jobs already scheduled keep their time.</summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var active = (await sources.ListAsync(includeRemoved: false, cancellationToken)).Where(source => source.IsActive).ToList();
        var wanted = active.Select(source => JobKeyFor(source.Id)).ToHashSet();
        var existing = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(Group), cancellationToken);
        var stale = existing.Where(key => !wanted.Contains(key)).ToList();
        if (stale.Count > 0)
        {
            await scheduler.DeleteJobs(stale, cancellationToken);
        }
        var now = clock.GetUtcNow();
        // New sources are polled at once; overdue ones (after a restart) are spread over the first minutes instead.
        var spread = TimeSpan.FromMinutes(Math.Min(options.Value.MinIntervalMinutes, 5));
        var added = 0;
        foreach (var source in active)
        {
            var key = JobKeyFor(source.Id);
            if (existing.Contains(key))
            {
                continue;
            }
            var due = source.NextPoll switch
            {
                null => now,
                { } next when next > now => next,
                _ => now + (spread * Random.Shared.NextDouble()),
            };
            var job = JobBuilder.Create<PollSourceJob>()
                .WithIdentity(key)
                .UsingJobData(PollSourceJob.SourceIdKey, source.Id)
                .Build();
            await scheduler.ScheduleJob(job, TriggerFor(source.Id, due), default, cancellationToken);
            added++;
        }
        if (added > 0 || stale.Count > 0)
        {
            logger.LogInformation("Poll schedule: {Added} sources added, {Removed} removed, {Active} active", added, stale.Count, active.Count);
        }
    }

    public static JobKey JobKeyFor(long sourceId) => new($"source-{sourceId}", Group);

    public static ITrigger TriggerFor(long sourceId, DateTimeOffset due) =>
        TriggerBuilder.Create()
            .WithIdentity($"source-{sourceId}", Group)
            .ForJob(JobKeyFor(sourceId))
            .StartAt(due)
            .WithSimpleSchedule(schedule => schedule.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
}
