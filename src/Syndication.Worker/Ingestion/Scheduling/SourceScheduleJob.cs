using Quartz;

namespace Syndication.Worker.Ingestion.Scheduling;

/// <summary>Every minute, picks up sources added or removed since (from the CLI, by another process).</summary>
[DisallowConcurrentExecution]
public sealed class SourceScheduleJob(SourceSchedule schedule) : IJob
{
    public static readonly JobKey Key = new("source-schedule", "maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await schedule.SyncAsync(cancellationToken);
}
