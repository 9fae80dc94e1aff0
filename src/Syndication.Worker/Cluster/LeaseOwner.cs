using Microsoft.Extensions.Options;
using Syndication.Worker.Configuration;

namespace Syndication.Worker.Cluster;

/// <summary>
/// This process's name on the leases it takes: the node's name (<c>Syndication:NodeName</c>) and a random suffix, so
/// two processes given one name (a CLI verb beside the service, a node restarted while its old leases run) never
/// mistake each other's leases for their own.
/// </summary>
public sealed class LeaseOwner(IOptions<SyndicationOptions> options)
{
    public string Name { get; } = $"{options.Value.NodeName}/{Guid.NewGuid().ToString("N")[..8]}";

    public override string ToString() => Name;
}
