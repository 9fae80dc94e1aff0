using Microsoft.Extensions.Options;

namespace Syndication.Worker.Partners;

/// <summary>Writes counted partner usage every <see cref="PartnerOptions.UsageFlushSeconds"/>, and once more at shutdown.</summary>
public sealed class UsageFlushService(
    UsageRecorder recorder, IOptions<PartnerOptions> options, TimeProvider clock, ILogger<UsageFlushService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.UsageFlushSeconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the last flush happens in StopAsync.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await recorder.FlushAsync(cancellationToken);
        }
        catch (Exception error) when (error is System.Data.Common.DbException or OperationCanceledException)
        {
            logger.LogWarning(error, "Could not write partner usage; the counts are kept for the next attempt");
        }
    }
}
