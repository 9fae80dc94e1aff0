using Microsoft.Extensions.Options;
using Syndication.Core.Publishing;
using Syndication.Core.Publishing.Rendering;
using Syndication.Storage.Articles;
using Syndication.Worker.Configuration;

namespace Syndication.Worker.Publishing;

/// <summary>Builds the site-wide and section feeds from the archive and keeps them rendered until the archive changes.</summary>
public sealed class FeedPublisher(ArticleStore store, FeedCache cache, SiteProvider sites, IOptions<SyndicationOptions> options)
{
    public Task<RenderedFeed?> SiteFeedAsync(FeedFormat format, CancellationToken cancellationToken) =>
        cache.GetAsync($"site.{format}", async token =>
        {
            var site = sites.Site;
            var articles = await store.GetLatestAsync(options.Value.FeedSize, null, token);
            return Render(new FeedDocument(site.Name, site.Description, FeedPaths.Site(format), "", articles), format);
        }, cancellationToken);

    /// <summary>A section's feed, or null for a section with no articles.</summary>
    public Task<RenderedFeed?> SectionFeedAsync(string sectionSlug, FeedFormat format, CancellationToken cancellationToken) =>
        cache.GetAsync($"section.{sectionSlug}.{format}", async token =>
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

    private RenderedFeed Render(FeedDocument document, FeedFormat format) =>
        new(new FeedRenderer(sites.Site).Render(document, format), format.MediaType() + "; charset=utf-8", document.Updated);
}

/// <summary>Where each feed lives, relative to the public base URL.</summary>
public static class FeedPaths
{
    public static string Site(FeedFormat format) => "feeds/" + FileName(format);

    public static string Section(string slug, FeedFormat format) => $"feeds/sections/{slug}/{FileName(format)}";

    public static string FileName(FeedFormat format) => format == FeedFormat.Rss ? "rss.xml" : "atom.xml";
}
