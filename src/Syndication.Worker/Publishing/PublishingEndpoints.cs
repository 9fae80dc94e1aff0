using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Syndication.Core.Publishing.Rendering;
using Syndication.Worker.Configuration;
using Syndication.Worker.Operations.Metrics;

namespace Syndication.Worker.Publishing;

/// <summary>Maps the feeds (public audience), their stylesheet and the OPML list of them; the HTML pages are <see cref="Pages.PageEndpoints"/>.</summary>
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
            await NotFoundAsync(context, "There is no feed at this address; the list of feeds is at /feeds.");
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
        if (audience.IsPublic && Browsing.FeedNegotiation.PrefersHtml(context.Request.Headers.Accept))
        {
            await Browsing.FeedPreview.WriteAsync(context, feed, page is null ? address.Path : $"{address.Path}?page={page}", address.Format, Browsing.FeedPreview.PageOf(address), maxAge);
            return;
        }
        await FeedResponder.WriteAsync(context, feed, maxAge, privateTo);
        context.RequestServices.GetService<SyndicationMetrics>()?.RecordFeedRequest(address.Kind, context.Response.StatusCode);
    }

    private static Task NotFoundAsync(HttpContext context, string message)
    {
        if (Browsing.FeedNegotiation.PrefersHtml(context.Request.Headers.Accept))
        {
            return Web.HtmlPages.NotFound("Không có kênh tin ở địa chỉ này. Danh sách mọi kênh tin có ở trang Kênh tin.", "Không tìm thấy kênh tin").ExecuteAsync(context);
        }
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
        FeedKind.Archive => $"archive month {address.Year:D4}-{address.Month:D2} (archives run from the first article's month to the newest article's)",
        _ => "feed",
    };

}
