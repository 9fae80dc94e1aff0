using Microsoft.Extensions.Diagnostics.HealthChecks;
using Syndication.Storage;

namespace Syndication.Worker.Operations.Health;

/// <summary>
/// Readiness: the database takes a write lock within a short wait, writing nothing — on SQLite BEGIN IMMEDIATE and
/// ROLLBACK (it fails on a read-only file, a missing folder, or a writer that never lets go); on PostgreSQL a
/// read-write transaction that takes the lock every write takes (it fails on a standby, a lost server, a held lock).
/// </summary>
internal sealed class DatabaseWritableCheck(Database database) : IHealthCheck
{
    /// <summary>Short, so a probe answers before its caller gives up; a real write waits the configured busy timeout.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromMilliseconds(500);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await database.CheckWritableAsync(LockWait, cancellationToken) is { } problem
                ? HealthCheckResult.Unhealthy($"not writable: {problem}")
                : HealthCheckResult.Healthy("writable");
        }
        catch (System.Data.Common.DbException error)
        {
            return HealthCheckResult.Unhealthy($"not writable: {error.Message}");
        }
    }
}
