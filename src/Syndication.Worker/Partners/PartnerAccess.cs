using System.Globalization;
using System.Threading.RateLimiting;
using Syndication.Storage;
using Syndication.Storage.Partners;

namespace Syndication.Worker.Partners;

/// <summary>Registers partner keys: the store and registry (every verb), and for the service the key scheme, the
/// partner and admin policies, the per-key rate limiter and usage counting.</summary>
public static class PartnerAccess
{
    /// <summary>Any valid partner key.</summary>
    public const string PartnerPolicy = "partner";

    /// <summary>A valid key with the admin scope.</summary>
    public const string AdminPolicy = "admin";

    /// <summary>The rate limiter policy: one fixed one-minute window per key, at the key's own rate (<see cref="PartnerWindowLimiter"/>).</summary>
    public const string RatePolicy = "partner-rate";

    public static IServiceCollection AddPartners(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PartnerOptions>().Bind(configuration.GetSection(PartnerOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<PartnerOptions>, PartnerOptionsValidator>();
        services.AddSingleton<PartnerStore>();
        services.AddSingleton<PartnerRegistry>();
        return services;
    }

    public static IServiceCollection AddPartnerAccess(this IServiceCollection services)
    {
        // No default scheme: requests are only authenticated where a policy asks for the partner scheme. ASP.NET Core
        // makes a lone scheme the default unless told not to, and would then run the key lookup on every public request.
        AppContext.SetSwitch("Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme", isEnabled: true);
        services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, PartnerKeyHandler>(PartnerClaims.Scheme, null);
        // The scheme is named on each policy, so only endpoints that need a key look for one; public feeds never pay for it.
        services.AddAuthorizationBuilder()
            .AddPolicy(PartnerPolicy, policy => policy.AddAuthenticationSchemes(PartnerClaims.Scheme).RequireAuthenticatedUser())
            .AddPolicy(AdminPolicy, policy => policy.AddAuthenticationSchemes(PartnerClaims.Scheme).RequireAuthenticatedUser()
                .RequireClaim(PartnerClaims.ScopeType, PartnerScopes.Admin));
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(RatePolicy, context =>
            {
                var rate = context.User.RequestsPerMinute();
                var services = context.RequestServices;
                var clock = services.GetRequiredService<TimeProvider>();
                var partner = context.User.PartnerId();
                // Nodes sharing PostgreSQL count each key's window there, so the rate holds for the cluster; one SQLite
                // host counts in memory.
                return services.GetRequiredService<Database>().Engine == DatabaseEngine.Postgres && partner is { } id
                    ? RateLimitPartition.Get($"{id}:{rate}",
                        _ => (RateLimiter)new ClusterWindowLimiter(id, rate, TimeSpan.FromMinutes(1), services.GetRequiredService<PartnerStore>(), clock))
                    : RateLimitPartition.Get($"{partner}:{rate}",
                        _ => (RateLimiter)new PartnerWindowLimiter(rate, TimeSpan.FromMinutes(1), clock));
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var http = rejected.HttpContext;
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                http.Response.ContentType = "text/plain; charset=utf-8";
                await http.Response.WriteAsync(
                    $"Rate limit of {http.User.RequestsPerMinute()} requests per minute reached for this key; retry in {seconds} s.\n", cancellationToken);
                if (http.User.PartnerId() is { } partner)
                {
                    http.RequestServices.GetRequiredService<UsageRecorder>().Record(partner, StatusCodes.Status429TooManyRequests, 0);
                }
            };
        });
        services.AddSingleton<UsageRecorder>();
        services.AddHostedService<UsageFlushService>();
        return services;
    }
}
