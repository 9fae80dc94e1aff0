using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Syndication.Storage;

namespace Syndication.Worker.Operations.Health;

/// <summary>
/// Readiness: the database takes a write lock within a short wait. BEGIN IMMEDIATE asks for the lock every write
/// needs (it fails on a read-only file, a missing folder, or a writer that never lets go) and ROLLBACK writes nothing.
/// </summary>
internal sealed class DatabaseWritableCheck(SqliteDatabase database) : IHealthCheck
{
    /// <summary>Short, so a probe answers before its caller gives up; a real write waits the configured busy timeout.</summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromMilliseconds(500);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            // One statement per command: in a batch, Microsoft.Data.Sqlite moves past a statement still busy at its
            // CommandTimeout instead of throwing. It also retries busy statements until then, on top of busy_timeout.
            await ExecuteAsync(connection, $"PRAGMA busy_timeout = {(int)LockWait.TotalMilliseconds}", cancellationToken);
            await ExecuteAsync(connection, "BEGIN IMMEDIATE", cancellationToken);
            // Never skipped for a cancelled probe: a pooled connection must not go back holding the write lock.
            await ExecuteAsync(connection, "ROLLBACK", CancellationToken.None);
            return HealthCheckResult.Healthy("writable");
        }
        catch (SqliteException error)
        {
            return HealthCheckResult.Unhealthy($"not writable: {error.Message}");
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
