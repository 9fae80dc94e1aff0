using Syndication.Storage.Maintenance;

namespace Syndication.Worker.Operations.Maintenance;

/// <summary>
/// Checkpoints the WAL (TRUNCATE) once every hosted service has stopped — the Quartz scheduler included, after its
/// running polls ended — so the database file is complete on its own after a stop.
/// </summary>
internal sealed class WalCheckpointOnStop(DatabaseMaintenance maintenance, ILogger<WalCheckpointOnStop> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Not the stop's token: it is already cancelled when the shutdown timeout ran out, and the checkpoint is short.
            var checkpoint = await maintenance.CheckpointAsync(CancellationToken.None);
            logger.LogInformation("Stopped: WAL checkpoint of {Frames} frames (busy: {Busy})", checkpoint.CheckpointedFrames, checkpoint.Busy);
        }
        catch (Exception error)
        {
            // The WAL is still valid; SQLite replays it at the next open.
            logger.LogWarning(error, "WAL checkpoint at stop failed; the next start recovers from the WAL");
        }
    }
}
