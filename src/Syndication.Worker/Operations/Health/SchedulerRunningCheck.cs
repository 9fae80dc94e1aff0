using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace Syndication.Worker.Operations.Health;

/// <summary>Readiness: the Quartz scheduler that runs polls, WebSub checks, exports and retention is running.</summary>
internal sealed class SchedulerRunningCheck(ISchedulerFactory schedulers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var status = await scheduler.GetStatus(cancellationToken);
        return status == SchedulerStatus.Running
            ? HealthCheckResult.Healthy("scheduler running")
            : HealthCheckResult.Unhealthy($"scheduler {status.ToString().ToLowerInvariant()}");
    }
}
