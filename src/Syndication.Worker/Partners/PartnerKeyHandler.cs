using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Syndication.Worker.Partners;

/// <summary>
/// Authenticates a partner key given as a bearer token, as HTTP Basic credentials (the key as password, or as user
/// name with an empty password — what feed readers can send), or in the path (<c>/partners/{key}/…</c>). The key is
/// looked up on every request, so a revoked key stops working at once, even when revoked by another process.
/// </summary>
public sealed class PartnerKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, PartnerRegistry registry)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string PathKeyRouteValue = "key";
    private const string Realm = "Syndication partners";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Context.GetRouteValue(PathKeyRouteValue) as string ?? FromAuthorizationHeader(Request.Headers.Authorization);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }
        // One message for every refusal: whether the key id exists is nobody's business.
        const string refused = "the key is not valid, or has been revoked";
        var partner = await registry.VerifyAsync(presented, Context.RequestAborted);
        return partner is null
            ? AuthenticateResult.Fail(refused)
            : AuthenticateResult.Success(new AuthenticationTicket(PartnerClaims.ToPrincipal(partner), Scheme.Name));
    }

    private static string? FromAuthorizationHeader(string? header)
    {
        if (string.IsNullOrEmpty(header) || !AuthenticationHeaderValue.TryParse(header, out var value) || value.Parameter is null)
        {
            return null;
        }
        if (value.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return value.Parameter;
        }
        if (!value.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        Span<byte> buffer = stackalloc byte[512];
        if (!Convert.TryFromBase64String(value.Parameter, buffer, out var written))
        {
            return null;
        }
        var pair = Encoding.UTF8.GetString(buffer[..written]);
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }
        var password = pair[(colon + 1)..];
        return password.Length > 0 ? password : pair[..colon];
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = new[] { $"Basic realm=\"{Realm}\", charset=\"UTF-8\"", $"Bearer realm=\"{Realm}\"" };
        Response.ContentType = "text/plain; charset=utf-8";
        await Response.WriteAsync(result.Failure is null
            ? "A partner key is required: send it as a bearer token, as the password of HTTP Basic, or use /partners/{key}/feeds/….\n"
            : $"Refused: {result.Failure.Message}.\n", Context.RequestAborted);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Response.ContentType = "text/plain; charset=utf-8";
        await Response.WriteAsync("This key's scopes do not include this resource.\n", Context.RequestAborted);
    }
}
