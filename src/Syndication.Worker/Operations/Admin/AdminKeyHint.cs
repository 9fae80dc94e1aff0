using Syndication.Storage.Partners;
using Syndication.Worker.Partners;

namespace Syndication.Worker.Operations.Admin;

/// <summary>At start, when no active key has the admin scope, says in one log line how to make one to sign in.</summary>
internal sealed class AdminKeyHint(PartnerStore partners, ILogger<AdminKeyHint> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var all = await partners.ListAsync(cancellationToken);
        if (!all.Any(partner => partner.IsActive && partner.Scopes.Contains(PartnerScopes.Admin)))
        {
            logger.LogWarning(
                "No admin key exists yet: create one with `syndication partners add NAME --scope admin`, then sign in at {AdminPath} with the key it prints",
                AdminPaths.Login);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
