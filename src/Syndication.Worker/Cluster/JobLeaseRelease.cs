using Syndication.Storage;
using Syndication.Storage.Cluster;
using Syndication.Worker.Operations.Health;

namespace Syndication.Worker.Cluster;

/// <summary>When the node stops (after its scheduler has), gives up its job leases, so another node takes the jobs at its next trigger.</summary>
internal sealed class JobLeaseRelease(Database database, JobLeaseStore leases, LeaseOwner owner, StorageHealth storage) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (database.Engine == DatabaseEngine.Sqlite)
        {
            return;
        }
        try
        {
            await leases.ReleaseAllAsync(owner.Name, cancellationToken);
        }
        catch (Exception error) when (storage.Observe(error) is not null || error is OperationCanceledException)
        {
            // Unreleased, the leases simply run out.
        }
    }
}
