namespace Syndication.Worker.Hosting;

/// <summary>
/// 405 with <c>Allow</c> for the methods an address does not answer. Routing would say so by itself, but the pages'
/// catch-all fallback (a 404 for any unknown address) matches every method first; an endpoint without method metadata
/// on the same route ranks below the real GET/HEAD endpoint and above the fallback.
/// </summary>
internal static class MethodNotAllowed
{
    public static IEndpointConventionBuilder MapOtherMethodsTo405(this IEndpointRouteBuilder app, string pattern, params string[] allowed)
    {
        var allow = string.Join(", ", allowed);
        return app.Map(pattern, (HttpContext context) =>
        {
            context.Response.Headers.Allow = allow;
            return Results.StatusCode(StatusCodes.Status405MethodNotAllowed);
        });
    }
}
