using Microsoft.Extensions.Options;
using Quartz;

namespace Syndication.Worker.Ingestion.WebSub;

/// <summary>Every <see cref="PushOptions.CheckSeconds"/>, on one node of a cluster: ends lapsed push subscriptions and asks hubs for the due ones.</summary>
[DisallowConcurrentExecution]
internal sealed class PushSubscriptionJob(HubSubscriber subscriber, IOptions<PushOptions> options, ILogger<PushSubscriptionJob> logger) : IJob
{
    public static readonly JobKey Key = new("websub-subscriptions", "ingestion");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await subscriber.CheckAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping; what is due stays due in the database.
        }
        catch (Exception error)
        {
            // A fault of ours (the database) must not end the schedule; the next round tries again.
            logger.LogError(error, "WebSub subscription check failed; trying again in {Seconds} s", options.Value.CheckSeconds);
        }
    }
}
