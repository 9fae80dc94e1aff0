using Quartz;

namespace Syndication.Worker.Search;

/// <summary>Every <see cref="SearchOptions.RelateIntervalSeconds"/>, and when an API write asks, relates what changed.</summary>
[DisallowConcurrentExecution]
public sealed class RelatingJob(CoverageRelator relator) : IJob
{
    public static readonly JobKey Key = new("relate-coverage", "search");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await relator.RelateAllPendingAsync(cancellationToken);
}
