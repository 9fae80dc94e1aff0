using System.Globalization;
using Syndication.Core.Publishing.Sitemaps;
using Syndication.Storage;
using Syndication.Storage.Articles;

namespace Syndication.Worker.Publishing.Sitemaps;

/// <summary>
/// Builds the sitemaps of the public archive — the index, one sitemap per month that has public articles, and the Google
/// News sitemap of the last 48 hours — and keeps each in the feed cache until the articles change, so they are served
/// as the feeds are (entity tags, 304, compression).
/// </summary>
public sealed class SitemapPublisher(ArticleStore store, ArchiveCalendar calendar, FeedCache cache, SiteProvider sites, TimeProvider clock)
{
    public const string IndexPath = "sitemap.xml";
    public const string NewsPath = "sitemaps/news.xml";

    /// <summary>How far back the news sitemap reaches (Google News reads articles of the last two days).</summary>
    public static readonly TimeSpan NewsWindow = TimeSpan.FromHours(48);

    private const string ContentType = "application/xml; charset=utf-8";

    /// <summary>The path of a month's sitemap ("sitemaps/2024-04.xml").</summary>
    public static string MonthPath(DateOnly month) => string.Create(CultureInfo.InvariantCulture, $"sitemaps/{month.Year:D4}-{month.Month:D2}.xml");

    /// <summary>The month a sitemap path names, or null when it names none.</summary>
    public static DateOnly? MonthOf(string name) =>
        name.Length == "yyyy-MM.xml".Length && name.EndsWith(".xml", StringComparison.Ordinal)
        && DateOnly.TryParseExact(name[..7], "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) && month.Year is >= 1000 and <= 9998
            ? month
            : null;

    public Task<RenderedFeed?> GetIndexAsync(CancellationToken cancellationToken) =>
        cache.GetAsync(IndexPath, NewsRevision, token => RenderIndexAsync(token), cancellationToken);

    public Task<RenderedFeed?> GetNewsAsync(CancellationToken cancellationToken) =>
        cache.GetAsync(NewsPath, NewsRevision, async token => (await RenderNewsAsync(token)).Feed, cancellationToken);

    /// <summary>A month's sitemap, or null when the month has no public article.</summary>
    public Task<RenderedFeed?> GetMonthAsync(DateOnly month, CancellationToken cancellationToken) =>
        cache.GetAsync(MonthPath(month), FeedCache.Articles, token => RenderMonthAsync(month, token), cancellationToken);

    /// <summary>The news sitemap also changes as time passes (an article older than the window leaves it), so it is
    /// looked at again each minute even when the articles did not change; its bytes, and so its tag, stay the same
    /// unless what it lists changed.</summary>
    private long NewsRevision(StoreRevisions revisions) =>
        (revisions.Articles << 32) | (uint)(clock.GetUtcNow().ToUnixTimeSeconds() / 60);

    private async Task<RenderedFeed?> RenderIndexAsync(CancellationToken cancellationToken)
    {
        var site = sites.Site;
        var months = (await calendar.MonthsAsync(cancellationToken)).Where(month => month.Articles > 0).Select(month => month.Month).ToList();
        var spans = months.ConvertAll(month => (ArchiveMonths.Start(month, site), ArchiveMonths.Start(month.AddMonths(1), site)));
        var summaries = await store.SummarizeSpansAsync(spans, cancellationToken);
        var withdrawals = await store.GetDeletedAsync(ArticleFacet.Site, null, null, null, cancellationToken);
        var links = new List<SitemapLink>(months.Count + 1);
        for (var i = 0; i < months.Count; i++)
        {
            var (from, to) = spans[i];
            links.Add(new SitemapLink(site.Url(MonthPath(months[i])), Latest(summaries[i].LastUpdated, WithdrawnBetween(withdrawals, from, to))));
        }
        var news = (await RenderNewsAsync(cancellationToken)).LastModified;
        links.Add(new SitemapLink(site.Url(NewsPath), news));
        var lastModified = links.Max(link => link.LastModified) ?? DateTimeOffset.UnixEpoch;
        return new RenderedFeed(new SitemapWriter(site).WriteIndex(links), ContentType, lastModified);
    }

    private async Task<RenderedFeed?> RenderMonthAsync(DateOnly month, CancellationToken cancellationToken)
    {
        var site = sites.Site;
        var (from, to) = (ArchiveMonths.Start(month, site), ArchiveMonths.Start(month.AddMonths(1), site));
        var articles = await store.ListPublishedBetweenAsync(from, to, SitemapWriter.MaxUrls, cancellationToken);
        if (articles.Count == 0)
        {
            return null;
        }
        var withdrawn = WithdrawnBetween(await store.GetDeletedAsync(ArticleFacet.Site, from, to, null, cancellationToken), from, to);
        // Oldest first, as the month reads.
        var body = new SitemapWriter(site).WriteUrls(articles.Reverse().Select(article => new SitemapLink(site.ArticleUrl(article.Slug), article.Updated)));
        return new RenderedFeed(body, ContentType, Latest(articles.Max(article => article.Updated), withdrawn)!.Value);
    }

    /// <summary>The news sitemap and the last time what it lists changed: an article in it changed, an article left it
    /// by growing older than the window, or one published within the window was withdrawn.</summary>
    private async Task<(RenderedFeed Feed, DateTimeOffset? LastModified)> RenderNewsAsync(CancellationToken cancellationToken)
    {
        var site = sites.Site;
        var now = clock.GetUtcNow();
        var from = now - NewsWindow;
        // Public articles are never dated ahead of now by more than a clock's drift; a day's margin keeps them all.
        var articles = await store.ListPublishedBetweenAsync(from, now.AddDays(1), SitemapWriter.MaxNewsUrls, cancellationToken);
        var aged = await store.ListPublishedBetweenAsync(DateTimeOffset.UnixEpoch, from, 1, cancellationToken);
        var withdrawn = WithdrawnBetween(await store.GetDeletedAsync(ArticleFacet.Site, from, null, null, cancellationToken), from, DateTimeOffset.MaxValue);
        DateTimeOffset? lastModified = Latest(
            Latest(articles.Count == 0 ? null : articles.Max(article => article.Updated), aged.Count == 0 ? null : aged[0].Published + NewsWindow),
            withdrawn);
        var body = new SitemapWriter(site).WriteNews(articles.Select(article =>
            new NewsSitemapArticle(site.ArticleUrl(article.Slug), article.Updated, article.Published, article.Title)));
        return (new RenderedFeed(body, ContentType, lastModified ?? DateTimeOffset.UnixEpoch), lastModified);
    }

    private static DateTimeOffset? WithdrawnBetween(IReadOnlyList<Core.Articles.DeletedArticle> withdrawals, DateTimeOffset from, DateTimeOffset to) =>
        withdrawals.Where(deleted => deleted.Published >= from && deleted.Published < to).Select(deleted => (DateTimeOffset?)deleted.Deleted).Max();

    private static DateTimeOffset? Latest(DateTimeOffset? first, DateTimeOffset? second) =>
        first is null ? second : second is null ? first : first > second ? first : second;
}
