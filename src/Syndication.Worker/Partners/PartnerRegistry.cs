using Microsoft.Extensions.Options;
using Syndication.Core.Publishing;
using Syndication.Storage.Partners;

namespace Syndication.Worker.Partners;

/// <summary>Issues partner keys (validates the request, generates the key, stores only its hash) and checks presented ones.</summary>
public sealed class PartnerRegistry(PartnerStore store, IOptions<PartnerOptions> options)
{
    /// <summary>A new partner and its key (shown once); an error message naming what is wrong instead when refused.</summary>
    public Task<(Partner? Partner, PartnerKey? Key, string? Error)> AddAsync(
        string name, IReadOnlyList<string> scopes, int? requestsPerMinute, CancellationToken cancellationToken) =>
        AddAsync(name, scopes, requestsPerMinute, PartnerProfile.Default, cancellationToken);

    /// <summary>As <see cref="AddAsync(string, IReadOnlyList{string}, int?, CancellationToken)"/>, with what its feeds carry.</summary>
    public async Task<(Partner? Partner, PartnerKey? Key, string? Error)> AddAsync(
        string name, IReadOnlyList<string> scopes, int? requestsPerMinute, PartnerProfile profile, CancellationToken cancellationToken)
    {
        name = name.Trim();
        if (name.Length == 0)
        {
            return (null, null, "the partner's name must not be empty");
        }
        scopes = scopes.Count == 0 ? [PartnerScopes.Feeds] : [.. scopes.Distinct(StringComparer.Ordinal)];
        if (scopes.Select(PartnerScopes.Validate).FirstOrDefault(error => error is not null) is { } scopeError)
        {
            return (null, null, scopeError);
        }
        var rate = requestsPerMinute ?? options.Value.RequestsPerMinute;
        if (rate < 1)
        {
            return (null, null, $"--rate must be at least 1 request per minute (is {rate})");
        }
        var key = PartnerKey.Generate();
        var partner = await store.AddAsync(name, key.KeyId, key.SecretHash, scopes, rate, profile, cancellationToken);
        return partner is null
            ? (null, null, $"there is already a partner named '{name}'; choose another name")
            : (partner, key, null);
    }

    /// <summary>The active partner a presented key belongs to, or null when it is malformed, unknown, wrong or revoked.</summary>
    public async Task<Partner?> VerifyAsync(string presented, CancellationToken cancellationToken)
    {
        if (!PartnerKey.TryParse(presented, out var key))
        {
            return null;
        }
        var credential = await store.FindByKeyIdAsync(key.KeyId, cancellationToken);
        return credential is not null && key.Matches(credential.SecretHash) && credential.Partner.IsActive ? credential.Partner : null;
    }
}
