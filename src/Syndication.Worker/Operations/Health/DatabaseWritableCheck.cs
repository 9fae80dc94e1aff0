using Microsoft.Extensions.Diagnostics.HealthChecks;
using Syndication.Storage;

namespace Syndication.Worker.Operations.Health;

/// <summary>
/// Readiness: the database takes a write lock within a short wait, writing nothing — on SQLite BEGIN IMMEDIATE and
/// ROLLBACK (it fails on a read-only file, a missing folder, or a writer that never lets go); on PostgreSQL a
/// read-write transaction that takes the lock every write takes (it fails on a standby, a lost server, a held lock).
/// After a storage failure of the SQLite file (a full disk, an I/O error) the probe writes for real
/// (<see cref="SqliteDatabase.ProbeWriteAsync"/>) and stays unhealthy until that works; a damaged file stays
/// unhealthy until a restart.
/// </summary>
internal sealed class DatabaseWritableCheck(Database database, StorageHealth health) : IHealthCheck
{
    /// <summary>Short, so a probe answers before its caller gives up; a real write waits the configured busy timeout.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromMilliseconds(500);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (health.Current is { Failure.MayPass: false } damaged)
        {
            return HealthCheckResult.Unhealthy($"storage failure since {damaged.Since:u}: {damaged.Failure.Problem}");
        }
        var failing = health.Current;
        try
        {
            if (failing is not null && database is SqliteDatabase file)
            {
                await file.ProbeWriteAsync(LockWait, cancellationToken);
                health.WriteSucceeded();
                return HealthCheckResult.Healthy("writable");
            }
            return await database.CheckWritableAsync(LockWait, cancellationToken) is { } problem
                ? HealthCheckResult.Unhealthy($"not writable: {problem}")
                : HealthCheckResult.Healthy("writable");
        }
        catch (System.Data.Common.DbException error)
        {
            var failure = health.Observe(error);
            return failing is not null && failure?.Kind != StorageFailureKind.Busy
                ? HealthCheckResult.Unhealthy($"storage failure since {failing.Since:u}: {(failure ?? failing.Failure).Problem}")
                : HealthCheckResult.Unhealthy($"not writable: {error.Message}");
        }
    }
}
