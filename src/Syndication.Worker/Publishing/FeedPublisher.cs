using Microsoft.Extensions.Options;
using Syndication.Core.Publishing;
using Syndication.Core.Publishing.Rendering;
using Syndication.Storage.Articles;
using Syndication.Storage.Ingestion;
using Syndication.Worker.Ingestion;
using Syndication.Worker.Configuration;

namespace Syndication.Worker.Publishing;

/// <summary>Builds the site-wide, section and related-coverage feeds and keeps them rendered until the archive changes.</summary>
public sealed class FeedPublisher(
    ArticleStore store, EntryStore entries, FeedCache cache, SiteProvider sites, IOptions<SyndicationOptions> options, IOptions<IngestionOptions> ingestion)
{
    public Task<RenderedFeed?> SiteFeedAsync(FeedFormat format, CancellationToken cancellationToken) =>
        cache.GetAsync($"site.{format}", FeedCache.Articles, async token =>
        {
            var site = sites.Site;
            var articles = await store.GetLatestAsync(options.Value.FeedSize, null, token);
            return Render(new FeedDocument(site.Name, site.Description, FeedPaths.Site(format), "", articles), format);
        }, cancellationToken);

    /// <summary>A section's feed, or null for a section with no articles.</summary>
    public Task<RenderedFeed?> SectionFeedAsync(string sectionSlug, FeedFormat format, CancellationToken cancellationToken) =>
        cache.GetAsync($"section.{sectionSlug}.{format}", FeedCache.Articles, async token =>
        {
            var articles = await store.GetLatestAsync(options.Value.FeedSize, sectionSlug, token);
            if (articles.Count == 0)
            {
                return null;
            }
            var site = sites.Site;
            var section = articles[0].Section;
            return Render(
                new FeedDocument($"{section.Name} – {site.Name}", $"{section.Name}: {site.Description}", FeedPaths.Section(section.Slug, format), "sections/" + section.Slug, articles),
                format);
        }, cancellationToken);

    /// <summary>The newest entries ingested from other publishers, each naming its source.</summary>
    public Task<RenderedFeed?> RelatedFeedAsync(FeedFormat format, CancellationToken cancellationToken) =>
        cache.GetAsync($"related.{format}", FeedCache.Entries, async token =>
        {
            var site = sites.Site;
            var latest = await entries.GetLatestAsync(ingestion.Value.RelatedFeedSize, token);
            var document = new RelatedFeedDocument(
                $"Tin liên quan – {site.Name}", "Tin từ các báo và cơ quan khác, liên quan đến địa bàn và lĩnh vực của báo", FeedPaths.Related(format), "", latest);
            return new RenderedFeed(new FeedRenderer(site).Render(document, format), ContentType(format), document.Updated);
        }, cancellationToken);

    private RenderedFeed Render(FeedDocument document, FeedFormat format) =>
        new(new FeedRenderer(sites.Site).Render(document, format), ContentType(format), document.Updated);

    private static string ContentType(FeedFormat format) => format.MediaType() + "; charset=utf-8";
}

/// <summary>Where each feed lives, relative to the public base URL.</summary>
public static class FeedPaths
{
    public static string Site(FeedFormat format) => "feeds/" + FileName(format);

    public static string Section(string slug, FeedFormat format) => $"feeds/sections/{slug}/{FileName(format)}";

    public static string Related(FeedFormat format) => "feeds/related/" + FileName(format);

    public static string FileName(FeedFormat format) => format == FeedFormat.Rss ? "rss.xml" : "atom.xml";
}
