using Dapper;

namespace Syndication.Storage.Cluster;

/// <summary>
/// Named leases on cluster-wide jobs (retention, maintenance, export, WebSub, relating): a node runs such a job only
/// while it holds the job's lease, so on several nodes sharing one database the job runs on one of them at a time.
/// </summary>
public sealed class JobLeaseStore(Database database, TimeProvider clock)
{
    /// <summary>
    /// Takes or extends the lease on <paramref name="job"/> for <paramref name="owner"/> until now + <paramref name="lease"/>:
    /// true when it is free, past its time, or already <paramref name="owner"/>'s; false while another holds it.
    /// </summary>
    public async Task<bool> TryClaimAsync(string job, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        // A claimer that meets another's live lease updates nothing and so returns no row; on PostgreSQL two claimers
        // of one name queue on its row (or its key, when new), and the second sees the first's lease.
        var holder = await connection.QuerySingleOrDefaultAsync<string?>("""
            INSERT INTO job_leases (name, owner, until_utc) VALUES (@Job, @Owner, @Until)
            ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until_utc = excluded.until_utc
            WHERE job_leases.owner = excluded.owner OR job_leases.until_utc < @Now
            RETURNING owner
            """,
            new { Job = job, Owner = owner, Now = Timestamps.ToText(now), Until = Timestamps.ToText(now + lease) },
            transaction);
        await transaction.CommitAsync(cancellationToken);
        return holder == owner;
    }

    /// <summary>Who holds the lease on <paramref name="job"/> now; null when nobody does.</summary>
    public async Task<string?> HolderAsync(string job, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string?>(
            "SELECT owner FROM job_leases WHERE name = @Job AND until_utc >= @Now",
            new { Job = job, Now = Timestamps.ToText(clock.GetUtcNow()) });
    }

    /// <summary>Gives up every job lease <paramref name="owner"/> holds (a node stopping), so another node takes the jobs at once.</summary>
    public async Task<int> ReleaseAllAsync(string owner, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync("DELETE FROM job_leases WHERE owner = @Owner", new { Owner = owner });
    }
}
