using Microsoft.Extensions.Options;
using Quartz;

namespace Syndication.Worker.Publishing.WebSub;

/// <summary>Every <see cref="WebSubOptions.WebSubCheckSeconds"/>, pings the hub for the feeds that changed.</summary>
[DisallowConcurrentExecution]
internal sealed class WebSubCheckJob(WebSubNotifier notifier, IOptions<WebSubOptions> options, ILogger<WebSubCheckJob> logger) : IJob
{
    public static readonly JobKey Key = new("websub-check", "publishing");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await notifier.CheckAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down; what is owed stays owed in the database.
        }
        catch (Exception error)
        {
            // A fault of ours (the database, a render) must not end the schedule; the next check tries again.
            logger.LogError(error, "WebSub check failed; trying again in {Seconds} s", options.Value.WebSubCheckSeconds);
        }
    }
}
