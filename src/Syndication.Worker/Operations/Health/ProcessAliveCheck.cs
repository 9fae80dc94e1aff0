using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Syndication.Worker.Operations.Health;

/// <summary>Liveness: healthy while the process serves, unhealthy once shutdown has begun so no new work is routed here.</summary>
internal sealed class ProcessAliveCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("shutting down")
            : HealthCheckResult.Healthy("serving"));
}
