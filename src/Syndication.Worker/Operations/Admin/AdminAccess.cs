using Syndication.Worker.Partners;

namespace Syndication.Worker.Operations.Admin;

/// <summary>
/// Who may use the admin JSON APIs: a partner key with the admin scope, and for state-changing requests only our own
/// pages or non-browser clients (Origin check) — a browser sends saved Basic credentials to any site that asks.
/// </summary>
public static class AdminAccess
{
    /// <summary>A write is ours when it carries no Origin (not a browser form from elsewhere) or our own origin.</summary>
    public static bool IsSameOrigin(string? origin, string scheme, string host) =>
        string.IsNullOrEmpty(origin) || string.Equals(origin, $"{scheme}://{host}", StringComparison.OrdinalIgnoreCase);

    public static TBuilder AdminOnly<TBuilder>(this TBuilder endpoint)
        where TBuilder : IEndpointConventionBuilder
    {
        endpoint.RequireAuthorization(PartnerAccess.AdminPolicy);
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var request = context.HttpContext.Request;
            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
                && !IsSameOrigin(request.Headers.Origin, request.Scheme, request.Host.Value ?? ""))
            {
                return Results.Text("Cross-origin admin requests are refused.\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
            }
            return await next(context);
        });
        return endpoint;
    }
}
