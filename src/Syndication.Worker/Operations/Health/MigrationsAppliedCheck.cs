using Microsoft.Extensions.Diagnostics.HealthChecks;
using Syndication.Storage.Schema;

namespace Syndication.Worker.Operations.Health;

/// <summary>Readiness: the schema is at the version this build expects.</summary>
internal sealed class MigrationsAppliedCheck(Migrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var current = await migrator.CurrentVersionAsync(cancellationToken);
            return current == migrator.Latest
                ? HealthCheckResult.Healthy($"schema version {current}")
                : HealthCheckResult.Unhealthy($"schema version {current}, expected {migrator.Latest}");
        }
        catch (System.Data.Common.DbException error)
        {
            return HealthCheckResult.Unhealthy($"schema version unreadable: {error.Message}");
        }
    }
}
