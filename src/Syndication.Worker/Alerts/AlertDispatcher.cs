using Microsoft.Extensions.Options;
using Syndication.Storage.Alerts;
using Syndication.Worker.Cluster;

namespace Syndication.Worker.Alerts;

/// <summary>
/// The alert loop, apart from polling so a slow receiver never holds a poll up: every CheckSeconds it turns waiting
/// events into deliveries, then claims the due deliveries (a lease, so one node sends each), sends them and stores
/// each attempt's outcome with the next try or the end. Finished deliveries older than KeepDays are deleted hourly.
/// </summary>
public sealed class AlertDispatcher(
    AlertStore store,
    AlertDecider decider,
    WebhookSender sender,
    LeaseOwner owner,
    TimeProvider clock,
    IOptions<AlertOptions> options,
    ILogger<AlertDispatcher> logger) : BackgroundService
{
    private const int EventBatch = 200;
    private const int DeliveryBatch = 16;
    private DateTimeOffset _nextCleanup;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.CheckSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            try
            {
                busy = await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                // A failing store or a bad row must not end the loop: it is logged and tried again next turn.
                logger.LogWarning(error, "Alert loop turn failed; trying again in {Seconds} s", options.Value.CheckSeconds);
            }
            if (!busy)
            {
                try
                {
                    await Task.Delay(interval, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One turn; true when there may be more to do at once (a full batch of events or deliveries).</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var (taken, enqueued) = await store.ProcessPendingAsync(EventBatch, decider.Decide, cancellationToken);
        if (enqueued > 0)
        {
            logger.LogInformation("Alerts: {Events} events looked at, {Deliveries} new deliveries", taken, enqueued);
        }
        var lease = TimeSpan.FromSeconds(options.Value.TimeoutSeconds + 30);
        var due = await store.ClaimDueAsync(owner.Name, lease, DeliveryBatch, cancellationToken);
        await Task.WhenAll(due.Select(delivery => DeliverAsync(delivery, cancellationToken)));
        if (clock.GetUtcNow() >= _nextCleanup)
        {
            _nextCleanup = clock.GetUtcNow().AddHours(1);
            await store.DeleteFinishedBeforeAsync(clock.GetUtcNow().AddDays(-options.Value.KeepDays), cancellationToken);
        }
        return taken == EventBatch || due.Count == DeliveryBatch;
    }

    private async Task DeliverAsync(DueDelivery delivery, CancellationToken cancellationToken)
    {
        var outcome = await sender.SendAsync(delivery, cancellationToken);
        var attempts = delivery.Attempts + 1;
        var retryAt = outcome.Delivered ? null : RetrySchedule.Next(attempts, clock.GetUtcNow(), options.Value);
        // Stored whatever the caller's token says: the receiver has the delivery, so its outcome must not be lost.
        if (!await store.RecordAttemptAsync(delivery, owner.Name, outcome, retryAt, CancellationToken.None))
        {
            logger.LogWarning("Delivery {DeliveryId} lost its lease while being sent; its outcome was not stored", delivery.Id);
            return;
        }
        if (outcome.Delivered)
        {
            logger.LogInformation("Delivered {Event} {DeliveryId} to webhook {WebhookId}: HTTP {Status} in {ElapsedMs} ms",
                delivery.Event, delivery.Id, delivery.WebhookId, outcome.HttpStatus, (long)outcome.Duration.TotalMilliseconds);
        }
        else
        {
            logger.LogWarning("Delivery {DeliveryId} ({Event}) to webhook {WebhookId} failed, attempt {Attempt}: {Error}; {Next}",
                delivery.Id, delivery.Event, delivery.WebhookId, attempts, outcome.Error,
                retryAt is { } next ? $"next attempt {next:u}" : "no attempts left");
        }
    }
}
