using Microsoft.Extensions.Options;
using Quartz;
using Syndication.Storage.Ingestion;

namespace Syndication.Worker.Ingestion.Scheduling;

/// <summary>Hourly, drops ingested entries older than the configured retention (none when it is 0).</summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(EntryStore entries, TimeProvider clock, IOptions<IngestionOptions> options, ILogger<RetentionJob> logger) : IJob
{
    public static readonly JobKey Key = new("entry-retention", "maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var days = options.Value.RetentionDays;
        if (days <= 0)
        {
            return;
        }
        var deleted = await entries.DeleteOlderThanAsync(clock.GetUtcNow().AddDays(-days), cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Retention removed {Deleted} entries older than {Days} days", deleted, days);
        }
    }
}
