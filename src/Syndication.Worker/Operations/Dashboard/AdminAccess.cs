using System.Net;

namespace Syndication.Worker.Operations.Dashboard;

/// <summary>
/// Who may use the admin pages until partner and admin credentials exist: requests from this machine only,
/// and state-changing requests only from our own pages (Origin check), so another site cannot post to them.
/// </summary>
public static class AdminAccess
{
    public static bool IsLocal(IPAddress? remote) => remote is not null && IPAddress.IsLoopback(remote);

    /// <summary>A POST is ours when it carries no Origin (not a browser form from elsewhere) or our own origin.</summary>
    public static bool IsSameOrigin(string? origin, string scheme, string host) =>
        string.IsNullOrEmpty(origin) || string.Equals(origin, $"{scheme}://{host}", StringComparison.OrdinalIgnoreCase);

    public static IEndpointConventionBuilder LocalOnly(this IEndpointConventionBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!IsLocal(http.Connection.RemoteIpAddress))
            {
                return Results.Text("The admin pages answer only on this machine (loopback) until admin credentials exist.\n",
                    "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
            }
            if (HttpMethods.IsPost(http.Request.Method)
                && !IsSameOrigin(http.Request.Headers.Origin, http.Request.Scheme, http.Request.Host.Value ?? ""))
            {
                return Results.Text("Cross-origin admin requests are refused.\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
            }
            return await next(context);
        });
}
