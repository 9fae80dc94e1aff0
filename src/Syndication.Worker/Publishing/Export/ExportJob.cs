using Microsoft.Extensions.Options;
using Quartz;

namespace Syndication.Worker.Publishing.Export;

/// <summary>Every <see cref="ExportOptions.IntervalSeconds"/>, exports the feeds into <see cref="ExportOptions.Directory"/>.</summary>
[DisallowConcurrentExecution]
internal sealed class ExportJob(FeedExporter exporter, IOptions<ExportOptions> options, ILogger<ExportJob> logger) : IJob
{
    public static readonly JobKey Key = new("static-export", "publishing");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var directory = options.Value.Directory;
        if (string.IsNullOrWhiteSpace(directory))
        {
            return;
        }
        try
        {
            await exporter.ExportAsync(directory, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down; every file is whole (old or new), the next start finishes the job.
        }
        catch (Exception error)
        {
            // A full disk or a folder we may not write must not end the schedule; the next run tries again.
            logger.LogError(error, "Export to {Directory} failed; trying again in {Seconds} s", directory, options.Value.IntervalSeconds);
        }
    }
}
