using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Syndication.Storage;

namespace Syndication.Worker.Operations.Health;

/// <summary>
/// Readiness: the database takes a write lock within a short wait. BEGIN IMMEDIATE asks for the lock every write
/// needs (it fails on a read-only file, a missing folder, or a writer that never lets go) and ROLLBACK writes nothing.
/// After a storage failure (a full disk, an I/O error) the probe writes for real — a scratch row of 64 KB, deleted in
/// the same transaction — and stays unhealthy until that works again; a damaged file stays unhealthy until a restart.
/// </summary>
internal sealed class DatabaseWritableCheck(SqliteDatabase database, StorageHealth health) : IHealthCheck
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
            await using var connection = await database.OpenAsync(cancellationToken);
            // One statement per command: in a batch, Microsoft.Data.Sqlite moves past a statement still busy at its
            // CommandTimeout instead of throwing. It also retries busy statements until then, on top of busy_timeout.
            await ExecuteAsync(connection, $"PRAGMA busy_timeout = {(int)LockWait.TotalMilliseconds}", cancellationToken);
            await ExecuteAsync(connection, "BEGIN IMMEDIATE", cancellationToken);
            try
            {
                if (failing is not null)
                {
                    // 64 KB written and deleted: the commit needs new space in the WAL (and the file at the next
                    // checkpoint) as a real write does; the pages it freed serve the next probe.
                    await ExecuteAsync(connection, "INSERT INTO storage_probe (id, filler) VALUES (1, zeroblob(65536))", cancellationToken);
                    await ExecuteAsync(connection, "DELETE FROM storage_probe", cancellationToken);
                    await ExecuteAsync(connection, "COMMIT", cancellationToken);
                    health.WriteSucceeded();
                }
            }
            finally
            {
                // Never skipped for a cancelled probe: a pooled connection must not go back holding the write lock.
                // A failed COMMIT may leave the transaction open (a full disk) or have ended it (some I/O errors).
                if (SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0)
                {
                    await ExecuteAsync(connection, "ROLLBACK", CancellationToken.None);
                }
            }
            return HealthCheckResult.Healthy("writable");
        }
        catch (SqliteException error)
        {
            var failure = health.Observe(error);
            return failing is not null && failure?.Kind != StorageFailureKind.Busy
                ? HealthCheckResult.Unhealthy($"storage failure since {failing.Since:u}: {(failure ?? failing.Failure).Problem}")
                : HealthCheckResult.Unhealthy($"not writable: {error.Message}");
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandTimeout = 1;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
