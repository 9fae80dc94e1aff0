using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Syndication.Storage.Partners;
using Syndication.Worker.Partners;

namespace Syndication.Worker.Operations.Admin;

/// <summary>
/// The admin console's sign-in: an admin partner key typed once into the login form becomes a session cookie (HttpOnly,
/// SameSite=Strict, Secure over HTTPS, expiring). The session names its key, so revoking the key ends the session.
/// Partner keys stay a scheme of their own for feeds and the JSON APIs; each endpoint names the scheme it takes.
/// </summary>
public static class AdminSession
{
    public const string Scheme = "AdminSession";

    /// <summary>The policy of the console's pages and forms: a signed-in admin session.</summary>
    public const string Policy = "admin-session";

    public const string CookieName = "syndication_admin";

    /// <summary>How long a session lasts without use; each use renews it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private const string KeyIdType = "key_id";

    public static IServiceCollection AddAdminSession(this IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = Lifetime;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = AdminPaths.Login;
            cookie.LogoutPath = AdminPaths.Logout;
            cookie.AccessDeniedPath = AdminPaths.Login;
            cookie.ReturnUrlParameter = "next";
            cookie.Events.OnValidatePrincipal = async context =>
            {
                // The key behind the session must still be an active admin key (it may have been revoked anywhere).
                var keyId = context.Principal?.FindFirstValue(KeyIdType);
                var store = context.HttpContext.RequestServices.GetRequiredService<PartnerStore>();
                var credential = keyId is null ? null : await store.FindByKeyIdAsync(keyId, context.HttpContext.RequestAborted);
                if (credential is null || !credential.Partner.IsActive || !credential.Partner.Scopes.Contains(PartnerScopes.Admin))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(Scheme);
                }
            };
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(PartnerClaims.ScopeType, PartnerScopes.Admin));
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "syndication_antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.FormFieldName = "__token";
        });
        services.AddHostedService<AdminKeyHint>();
        return services;
    }

    /// <summary>Starts a session for an admin partner.</summary>
    public static Task SignInAsync(HttpContext context, Partner partner)
    {
        var principal = PartnerClaims.ToPrincipal(partner);
        var identity = new ClaimsIdentity(principal.Claims.Append(new Claim(KeyIdType, partner.KeyId)), Scheme);
        return context.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = true });
    }

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(Scheme);
}
