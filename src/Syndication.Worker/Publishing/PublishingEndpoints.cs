using System.Text;
using Microsoft.Extensions.Options;
using Syndication.Core.Publishing.Rendering;
using Syndication.Storage.Articles;
using Syndication.Worker.Configuration;

namespace Syndication.Worker.Publishing;

/// <summary>Maps the public HTTP surface: the index, feeds, section and article pages.</summary>
public static class PublishingEndpoints
{
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapPublishing(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/feeds/rss.xml", GetAndHead, (HttpContext context, FeedPublisher feeds) =>
            ServeAsync(context, feeds.SiteFeedAsync(FeedFormat.Rss, context.RequestAborted), "feed"));
        app.MapMethods("/feeds/atom.xml", GetAndHead, (HttpContext context, FeedPublisher feeds) =>
            ServeAsync(context, feeds.SiteFeedAsync(FeedFormat.Atom, context.RequestAborted), "feed"));
        app.MapMethods("/feeds/related/rss.xml", GetAndHead, (HttpContext context, FeedPublisher feeds) =>
            ServeAsync(context, feeds.RelatedFeedAsync(FeedFormat.Rss, context.RequestAborted), "feed"));
        app.MapMethods("/feeds/related/atom.xml", GetAndHead, (HttpContext context, FeedPublisher feeds) =>
            ServeAsync(context, feeds.RelatedFeedAsync(FeedFormat.Atom, context.RequestAborted), "feed"));
        app.MapMethods("/feeds/sections/{slug}/rss.xml", GetAndHead, (HttpContext context, string slug, FeedPublisher feeds) =>
            ServeAsync(context, feeds.SectionFeedAsync(slug, FeedFormat.Rss, context.RequestAborted), $"section '{slug}'"));
        app.MapMethods("/feeds/sections/{slug}/atom.xml", GetAndHead, (HttpContext context, string slug, FeedPublisher feeds) =>
            ServeAsync(context, feeds.SectionFeedAsync(slug, FeedFormat.Atom, context.RequestAborted), $"section '{slug}'"));

        app.MapMethods("/", GetAndHead, async (HttpContext context, ArticleStore store, SiteProvider sites, IOptions<SyndicationOptions> options) =>
        {
            var sections = await store.ListSectionsAsync(context.RequestAborted);
            var latest = await store.GetLatestAsync(options.Value.FeedSize, null, context.RequestAborted);
            return HtmlResult(IndexPage.Render(sites.Site, sections, latest));
        });
        app.MapMethods("/sections/{slug}", GetAndHead, async (HttpContext context, string slug, ArticleStore store, SiteProvider sites, IOptions<SyndicationOptions> options) =>
        {
            var latest = await store.GetLatestAsync(options.Value.FeedSize, slug, context.RequestAborted);
            return latest.Count == 0
                ? NotFound($"Unknown section '{slug}'.")
                : HtmlResult(IndexPage.RenderSection(sites.Site, latest[0].Section, latest));
        });
        app.MapMethods("/articles/{slug}", GetAndHead, async (HttpContext context, string slug, ArticleStore store, SiteProvider sites) =>
        {
            var article = await store.GetBySlugAsync(slug, context.RequestAborted);
            return article is null ? NotFound($"Unknown article '{slug}'.") : HtmlResult(ArticlePage.Render(sites.Site, article));
        });
        return app;
    }

    private static async Task ServeAsync(HttpContext context, Task<RenderedFeed?> rendering, string what)
    {
        var feed = await rendering;
        if (feed is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync($"Unknown {what}.\n", context.RequestAborted);
            return;
        }
        var maxAge = context.RequestServices.GetRequiredService<IOptions<SyndicationOptions>>().Value.FeedMaxAgeSeconds;
        await FeedResponder.WriteAsync(context, feed, maxAge);
    }

    private static IResult HtmlResult(string html) => Results.Text(html, "text/html; charset=utf-8", Encoding.UTF8);

    private static IResult NotFound(string message) => Results.Text(message + "\n", "text/plain; charset=utf-8", Encoding.UTF8, StatusCodes.Status404NotFound);
}
