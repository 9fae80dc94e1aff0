using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Syndication.Storage;
using Syndication.Worker.Configuration;

namespace Syndication.Worker.Operations.Health;

/// <summary>
/// Readiness: the database takes a write lock within a short wait, writing nothing — on SQLite BEGIN IMMEDIATE and
/// ROLLBACK (it fails on a read-only file, a missing folder, or a writer that never lets go); on PostgreSQL a
/// read-write transaction that takes the lock every write takes (it fails on a standby, a lost server, a held lock).
/// After a storage failure of the SQLite file (a full disk, an I/O error) the probe writes for real
/// (<see cref="SqliteDatabase.ProbeWriteAsync"/>) and stays unhealthy until that works; a damaged file stays
/// unhealthy until a restart. Not ready either until the check of every page after start (<see cref="FileCheck"/>) has passed.
/// </summary>
internal sealed class DatabaseWritableCheck(Database database, StorageHealth health, FileCheck fileCheck, IOptions<SyndicationOptions> options) : IHealthCheck
{
    /// <summary>Short, so a probe answers before its caller gives up; a real write waits the configured busy timeout.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long the lock may stay held, probe after probe, before the store counts as not writable: a poll storing
    /// 2,000 entries holds it for a second or two and the node serves on meanwhile (degraded, 200); a writer that
    /// never lets go makes the node not ready.
    /// </summary>
    private readonly TimeSpan _lockHeldLimit = TimeSpan.FromSeconds(options.Value.ReadyLockHeldSeconds);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (health.Current is { Failure.MayPass: false } damaged)
        {
            return HealthCheckResult.Unhealthy($"storage failure since {damaged.Since:u}: {damaged.Failure.Problem}");
        }
        if (fileCheck.Pending is { } pending)
        {
            return HealthCheckResult.Unhealthy(pending);
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
            var problem = await database.CheckWritableAsync(LockWait, cancellationToken);
            health.LockTaken();
            return problem is not null ? HealthCheckResult.Unhealthy($"not writable: {problem}") : HealthCheckResult.Healthy("writable");
        }
        catch (System.Data.Common.DbException error)
        {
            var failure = health.Observe(error);
            if (failing is null && failure?.Kind == StorageFailureKind.Busy)
            {
                var held = health.LockHeldFor();
                return held < _lockHeldLimit
                    ? HealthCheckResult.Degraded($"busy: another writer holds the lock (for {held.TotalSeconds:0} s of probes)")
                    : HealthCheckResult.Unhealthy($"not writable: another writer has held the lock for {held.TotalSeconds:0} s: {failure.Problem}");
            }
            return failing is not null && failure?.Kind != StorageFailureKind.Busy
                ? HealthCheckResult.Unhealthy($"storage failure since {failing.Since:u}: {(failure ?? failing.Failure).Problem}")
                : HealthCheckResult.Unhealthy($"not writable: {error.Message}");
        }
    }
}
