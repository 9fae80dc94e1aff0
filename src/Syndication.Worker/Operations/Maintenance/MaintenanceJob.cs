using System.Diagnostics;
using Quartz;
using Syndication.Storage.Maintenance;

namespace Syndication.Worker.Operations.Maintenance;

/// <summary>Every <see cref="MaintenanceOptions.IntervalHours"/>: <c>PRAGMA optimize</c>, then a WAL checkpoint; one log line per run.</summary>
[DisallowConcurrentExecution]
internal sealed class MaintenanceJob(DatabaseMaintenance maintenance, ILogger<MaintenanceJob> logger) : IJob
{
    public static readonly JobKey Key = new("database-maintenance", "maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            await maintenance.OptimizeAsync(cancellationToken);
            var optimized = Stopwatch.GetElapsedTime(started);
            var checkpoint = await maintenance.CheckpointAsync(cancellationToken);
            var checkpointed = Stopwatch.GetElapsedTime(started) - optimized;
            logger.LogInformation(
                "Database maintenance: optimize in {OptimizeMs} ms, WAL checkpoint of {Frames} frames in {CheckpointMs} ms (busy: {Busy})",
                (long)optimized.TotalMilliseconds, checkpoint.CheckpointedFrames, (long)checkpointed.TotalMilliseconds, checkpoint.Busy);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down; the stop checkpoints the WAL anyway.
        }
        catch (Exception error)
        {
            // A busy or full disk must not end the schedule; the next run tries again.
            logger.LogError(error, "Database maintenance failed; trying again at the next run");
        }
    }
}
