using System.Globalization;
using Syndication.Core.Ingestion;
using Syndication.Core.Publishing.Rendering;
using Syndication.Worker.Web;

namespace Syndication.Worker.Publishing.Browsing;

/// <summary>
/// Answers a browser that opened a feed's URL with a readable page instead of raw XML (browsers no longer style
/// feeds, and Chromium shows them as text). The page is made from the feed's own bytes, read back with our parser,
/// so it shows exactly what a reader would get and works the same for every kind of feed.
/// </summary>
public static class FeedPreview
{
    public static async Task WriteAsync(HttpContext context, RenderedFeed feed, string feedPath, FeedFormat format, string? pagePath, int maxAgeSeconds)
    {
        var site = context.RequestServices.GetRequiredService<SiteProvider>().Site;
        var parsed = FeedParser.Parse(feed.Body, new FeedParseContext(site.Url(feedPath), feed.ContentType, site.TimeZone));
        context.Response.Headers.Vary = "Accept, Accept-Encoding";
        context.Response.Headers.CacheControl = string.Create(CultureInfo.InvariantCulture, $"public, max-age={maxAgeSeconds}");
        await HtmlPages.Page<FeedPreviewPage>(new FeedPreviewModel(parsed, feedPath, format, pagePath)).ExecuteAsync(context);
    }

    /// <summary>The HTML page that lists what a feed at <paramref name="address"/> holds, when there is one.</summary>
    public static string? PageOf(FeedAddress address) => address.Kind switch
    {
        FeedKind.Site => "",
        FeedKind.Section => "sections/" + address.Slug,
        FeedKind.Author => "authors/" + address.Slug,
        FeedKind.Tag => "tags/" + address.Slug,
        FeedKind.Archive => Pages.MonthPageModel.PathOf(new DateOnly(address.Year, address.Month, 1)),
        FeedKind.ArticleRelated => "articles/" + address.Slug,
        FeedKind.SectionRelated => "sections/" + address.Slug,
        _ => null,
    };
}
