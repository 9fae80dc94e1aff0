namespace Syndication.Worker.Web;

/// <summary>Maps the stylesheet and the icons (<see cref="SiteAssets"/>).</summary>
public static class AssetEndpoints
{
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapSiteAssets(this IEndpointRouteBuilder app)
    {
        foreach (var path in SiteAssets.Paths)
        {
            var asset = SiteAssets.Find(path)!;
            app.MapMethods("/" + path, GetAndHead, (HttpContext context) =>
            {
                // A hashed URL never changes content; icons may be redrawn, so browsers check again after a day.
                context.Response.Headers.CacheControl = asset.Immutable ? "public, max-age=31536000, immutable" : "public, max-age=86400";
                return Results.Bytes(asset.Content, asset.MediaType);
            });
        }
        return app;
    }
}
