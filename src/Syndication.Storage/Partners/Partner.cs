using Syndication.Core.Publishing;

namespace Syndication.Storage.Partners;

/// <summary>A partner allowed to pull full-text feeds: who, with which scopes and rate, since when, and whether revoked.</summary>
public sealed record Partner(
    long Id,
    string Name,
    string KeyId,
    IReadOnlyList<string> Scopes,
    int RequestsPerMinute,
    DateTimeOffset Created,
    DateTimeOffset? Revoked)
{
    public bool IsActive => Revoked is null;

    /// <summary>What the partner's feeds carry.</summary>
    public PartnerProfile Profile { get; init; } = PartnerProfile.Default;
}
