using System.Text;
using Microsoft.Extensions.Options;
using Syndication.Worker.Configuration;

namespace Syndication.Worker.Publishing.Sitemaps;

/// <summary>Maps <c>/sitemap.xml</c>, the sitemaps it lists, and <c>/robots.txt</c>, which names the index.</summary>
public static class SitemapEndpoints
{
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapSitemaps(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/" + SitemapPublisher.IndexPath, GetAndHead, (HttpContext context, SitemapPublisher sitemaps) =>
            ServeAsync(context, sitemaps.GetIndexAsync(context.RequestAborted)));
        app.MapMethods("/sitemaps/{name}", GetAndHead, (HttpContext context, SitemapPublisher sitemaps, string name) =>
            name == "news.xml" ? ServeAsync(context, sitemaps.GetNewsAsync(context.RequestAborted))
            : SitemapPublisher.MonthOf(name) is { } month ? ServeAsync(context, sitemaps.GetMonthAsync(month, context.RequestAborted))
            : NotFoundAsync(context));
        app.MapMethods("/robots.txt", GetAndHead, (SiteProvider sites) => Results.Text(
            $"User-agent: *\nDisallow: /admin\nDisallow: /api/\nDisallow: /partners/\n\nSitemap: {sites.Site.Url(SitemapPublisher.IndexPath).AbsoluteUri}\n",
            "text/plain; charset=utf-8", Encoding.UTF8));
        return app;
    }

    private static async Task ServeAsync(HttpContext context, Task<RenderedFeed?> rendering)
    {
        if (await rendering is not { } sitemap)
        {
            await NotFoundAsync(context);
            return;
        }
        var maxAge = context.RequestServices.GetRequiredService<IOptions<SyndicationOptions>>().Value.FeedMaxAgeSeconds;
        await FeedResponder.WriteAsync(context, sitemap, maxAge);
    }

    private static Task NotFoundAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("There is no sitemap at this address; the index is at /sitemap.xml.\n", context.RequestAborted);
    }
}
