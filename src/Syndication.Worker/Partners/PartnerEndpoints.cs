using System.Globalization;
using Syndication.Worker.Publishing;

namespace Syndication.Worker.Partners;

/// <summary>Maps the partners' full-text feeds: <c>/partners/feeds/…</c> (key in a header) and <c>/partners/{key}/feeds/…</c>.</summary>
public static class PartnerEndpoints
{
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapPartnerFeeds(this IEndpointRouteBuilder app)
    {
        var partners = app.MapGroup("/partners")
            .RequireAuthorization(PartnerAccess.PartnerPolicy)
            .RequireRateLimiting(PartnerAccess.RatePolicy);
        partners.MapMethods("/feeds/{**path}", GetAndHead, (HttpContext context, string path) => ServeAsync(context, path, pathKey: null));
        partners.MapMethods($"/{{{PartnerKeyHandler.PathKeyRouteValue}}}/feeds/{{**path}}", GetAndHead,
            (HttpContext context, string key, string path) => ServeAsync(context, path, key));
        return app;
    }

    private static async Task ServeAsync(HttpContext context, string path, string? pathKey)
    {
        var partner = context.User.PartnerId()!.Value;
        var scopes = context.User.Scopes();
        var profile = context.User.Profile();
        await PublishingEndpoints.ServeFeedAsync(context, path, FeedAudience.Partner(pathKey, profile) with { Embargoed = PartnerScopes.SeesEmbargoed(scopes) },
            address => PartnerScopes.Allows(scopes, address) && (address.Kind is not (FeedKind.Section or FeedKind.SectionRelated) || profile.Includes(address.Slug!)),
            partner.ToString(CultureInfo.InvariantCulture));
        var response = context.Response;
        var bytes = HttpMethods.IsHead(context.Request.Method) ? 0 : response.ContentLength ?? 0;
        context.RequestServices.GetRequiredService<UsageRecorder>().Record(partner, response.StatusCode, bytes);
    }
}
