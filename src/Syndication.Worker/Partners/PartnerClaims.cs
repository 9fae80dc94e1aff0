using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Syndication.Core.Publishing;
using Syndication.Storage.Partners;

namespace Syndication.Worker.Partners;

/// <summary>The partner a request was authenticated as, carried in its <see cref="ClaimsPrincipal"/>.</summary>
public static class PartnerClaims
{
    public const string Scheme = "PartnerKey";
    public const string ScopeType = "scope";
    public const string RateType = "requests_per_minute";
    public const string ProfileType = "profile";

    public static ClaimsPrincipal ToPrincipal(Partner partner)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, partner.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, partner.Name),
            new(RateType, partner.RequestsPerMinute.ToString(CultureInfo.InvariantCulture)),
            new(ProfileType, JsonSerializer.Serialize(PartnerProfileJson.Of(partner.Profile), PartnerProfileJson.Options)),
        };
        claims.AddRange(partner.Scopes.Select(scope => new Claim(ScopeType, scope)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }

    /// <summary>The authenticated partner's id, or null for an anonymous request.</summary>
    public static long? PartnerId(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    public static IReadOnlyCollection<string> Scopes(this ClaimsPrincipal user) =>
        [.. user.FindAll(ScopeType).Select(claim => claim.Value)];

    /// <summary>What the authenticated partner's feeds carry.</summary>
    public static PartnerProfile Profile(this ClaimsPrincipal user) =>
        user.FindFirstValue(ProfileType) is { } json && JsonSerializer.Deserialize<PartnerProfileJson>(json, PartnerProfileJson.Options) is { } profile
            ? profile.ToProfile()
            : PartnerProfile.Default;

    public static int RequestsPerMinute(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(RateType), CultureInfo.InvariantCulture, out var rate) ? rate : 1;
}
