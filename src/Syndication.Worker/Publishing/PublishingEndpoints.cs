using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Syndication.Core.Publishing.Rendering;
using Syndication.Storage.Articles;
using Syndication.Storage.Search;
using Syndication.Worker.Configuration;
using Syndication.Worker.Operations.Metrics;

namespace Syndication.Worker.Publishing;

/// <summary>Maps the public HTTP surface: the index, feeds, section and article pages.</summary>
public static class PublishingEndpoints
{
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapPublishing(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/" + FeedStylesheet.Path, GetAndHead, () => Results.Bytes(FeedStylesheet.Content, "text/xsl; charset=utf-8"));
        app.MapMethods("/feeds/{**path}", GetAndHead, (HttpContext context, string path) => ServeFeedAsync(context, path, FeedAudience.Public));
        app.MapMethods("/feeds.opml", GetAndHead, async (HttpContext context, FeedCatalog catalog, SiteProvider sites, TimeProvider clock) =>
        {
            var site = sites.Site;
            var outlines = (await catalog.ListAsync(context.RequestAborted))
                .Where(feed => feed.Address.Format == FeedFormat.Rss)
                .Select(feed => new Core.Ingestion.Opml.OpmlOutline(site.Url(feed.Address.Path).AbsoluteUri, feed.Title, site.BaseUrl.AbsoluteUri, feed.Group));
            return Results.Text(Core.Ingestion.Opml.OpmlDocument.Write($"Kênh tin – {site.Name}", outlines, clock.GetUtcNow()), "text/x-opml; charset=utf-8", Encoding.UTF8);
        });

        app.MapMethods("/", GetAndHead, async (HttpContext context, ArticleStore store, FeedCatalog catalog, SiteProvider sites, IOptions<SyndicationOptions> options) =>
        {
            var feeds = await catalog.ListAsync(context.RequestAborted);
            var latest = await store.GetLatestAsync(options.Value.FeedSize, ArticleFacet.Site, context.RequestAborted);
            return HtmlResult(IndexPage.Render(sites.Site, feeds, latest));
        });
        app.MapMethods("/sections/{slug}", GetAndHead, async (HttpContext context, string slug, ArticleStore store, SiteProvider sites, IOptions<SyndicationOptions> options) =>
        {
            var latest = await store.GetLatestAsync(options.Value.FeedSize, new ArticleFacet(FacetKind.Section, slug), context.RequestAborted);
            return latest.Count == 0
                ? NotFound($"Unknown section '{slug}'.")
                : HtmlResult(IndexPage.RenderSection(sites.Site, latest[0].Section, latest));
        });
        app.MapMethods("/articles/{slug}", GetAndHead, async (HttpContext context, string slug, ArticleStore store, CoverageStore coverage, SiteProvider sites) =>
        {
            var article = await store.GetBySlugAsync(slug, context.RequestAborted);
            return article is null
                ? NotFound($"Unknown article '{slug}'.")
                : HtmlResult(ArticlePage.Render(sites.Site, article, await coverage.GetArticleCoverageAsync(slug, 10, context.RequestAborted)));
        });
        return app;
    }

    /// <summary>
    /// Answers a request for the feed at <paramref name="path"/> (below <c>feeds/</c>) as rendered for an audience;
    /// <paramref name="allowed"/> can refuse the address (403) once it is known to name a feed.
    /// </summary>
    internal static async Task ServeFeedAsync(
        HttpContext context, string path, FeedAudience audience, Func<FeedAddress, bool>? allowed = null, string? privateTo = null)
    {
        if (FeedAddress.Parse("feeds/" + path) is not { } address)
        {
            await NotFoundAsync(context, "There is no feed at this address; the list of feeds is at /.");
            return;
        }
        if (allowed is not null && !allowed(address))
        {
            await context.ForbidAsync(Partners.PartnerClaims.Scheme);
            return;
        }
        int? page = null;
        if (context.Request.Query.TryGetValue("page", out var pageText))
        {
            if (address.Kind is FeedKind.Archive or FeedKind.Related or FeedKind.SectionRelated or FeedKind.ArticleRelated || !int.TryParse(pageText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsync("'page' must be a page number (1, 2, …) of a site, section, author or tag feed.\n", context.RequestAborted);
                return;
            }
            page = number;
        }
        var feed = await context.RequestServices.GetRequiredService<FeedPublisher>().GetAsync(address, page, audience, context.RequestAborted);
        if (feed is null)
        {
            await NotFoundAsync(context, page is null ? $"Unknown {Describe(address)}." : $"There is no page {page} of this feed.");
            context.RequestServices.GetService<SyndicationMetrics>()?.RecordFeedRequest(address.Kind, StatusCodes.Status404NotFound);
            return;
        }
        var maxAge = context.RequestServices.GetRequiredService<IOptions<SyndicationOptions>>().Value.FeedMaxAgeSeconds;
        await FeedResponder.WriteAsync(context, feed, maxAge, privateTo);
        context.RequestServices.GetService<SyndicationMetrics>()?.RecordFeedRequest(address.Kind, context.Response.StatusCode);
    }

    private static Task NotFoundAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message + "\n", context.RequestAborted);
    }

    private static string Describe(FeedAddress address) => address.Kind switch
    {
        FeedKind.Section => $"section '{address.Slug}'",
        FeedKind.Author => $"author '{address.Slug}'",
        FeedKind.Tag => $"tag '{address.Slug}'",
        FeedKind.SectionRelated => $"section '{address.Slug}'",
        FeedKind.ArticleRelated => $"article '{address.Slug}'",
        FeedKind.Archive => $"archive month {address.Year:D4}-{address.Month:D2} (archives run from the first article's month to this month)",
        _ => "feed",
    };

    private static IResult HtmlResult(string html) => Results.Text(html, "text/html; charset=utf-8", Encoding.UTF8);

    private static IResult NotFound(string message) => Results.Text(message + "\n", "text/plain; charset=utf-8", Encoding.UTF8, StatusCodes.Status404NotFound);
}
