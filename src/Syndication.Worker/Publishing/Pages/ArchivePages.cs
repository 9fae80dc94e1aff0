using Syndication.Storage.Articles;
using Syndication.Storage.Search;

namespace Syndication.Worker.Publishing.Pages;

/// <summary>Gathers what the archive's HTML pages show: the front page, a section's, author's or tag's page, a month,
/// an article. Null means there is no such page (404).</summary>
public sealed class ArchivePages(ArticleStore store, ArchiveCalendar calendar, CoverageStore coverage, SiteProvider sites)
{
    /// <summary>Articles on a page of a list: enough to scan, few enough to load fast on a phone.</summary>
    public const int PageSize = 20;

    private const int CoverageOnPage = 10;
    private const int RecentMonthsOnHome = 12;

    public async Task<HomePageModel?> HomeAsync(int page, CancellationToken cancellationToken)
    {
        var list = await ListAsync(ArticleFacet.Site, "", page, await store.CountAsync(ArticleFacet.Site, cancellationToken), cancellationToken);
        if (list is null)
        {
            return null;
        }
        var months = await calendar.MonthsAsync(cancellationToken);
        return new HomePageModel(
            list,
            await store.ListFacetsAsync(FacetKind.Section, cancellationToken),
            [.. months.Reverse().Take(RecentMonthsOnHome)]);
    }

    public async Task<FacetPageModel?> FacetAsync(FacetKind kind, string slug, int page, CancellationToken cancellationToken)
    {
        if (await store.GetFacetAsync(kind, slug, cancellationToken) is not { } facet)
        {
            return null;
        }
        var path = kind switch
        {
            FacetKind.Section => "sections/",
            FacetKind.Author => "authors/",
            _ => "tags/",
        } + facet.Slug;
        var list = await ListAsync(new ArticleFacet(kind, facet.Slug), path, page, facet.ArticleCount, cancellationToken);
        return list is null ? null : new FacetPageModel(facet, list);
    }

    /// <summary>A month between the oldest and the newest month with articles (an empty one between them has a page too).</summary>
    public async Task<MonthPageModel?> MonthAsync(DateOnly month, int page, CancellationToken cancellationToken)
    {
        var months = await calendar.MonthsAsync(cancellationToken);
        if (months.Count == 0 || month < months[0].Month || month > months[^1].Month)
        {
            return null;
        }
        var total = months.FirstOrDefault(candidate => candidate.Month == month)?.Articles ?? 0;
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        if (page > pageCount)
        {
            return null;
        }
        var site = sites.Site;
        var articles = await store.GetPublishedBetweenAsync(
            ArchiveMonths.Start(month, site), ArchiveMonths.Start(month.AddMonths(1), site), (page - 1) * PageSize, PageSize, cancellationToken);
        return new MonthPageModel(
            month,
            new ArticleList(articles, MonthPageModel.PathOf(month), page, pageCount, total),
            months.LastOrDefault(candidate => candidate.Month < month)?.Month,
            months.FirstOrDefault(candidate => candidate.Month > month)?.Month);
    }

    public async Task<ArticlePageModel?> ArticleAsync(string slug, CancellationToken cancellationToken)
    {
        if (await store.GetBySlugAsync(slug, cancellationToken) is not { } article)
        {
            return null;
        }
        var teasers = article.Related.Where(link => link.Url is null).Select(link => link.Title).ToList();
        return new ArticlePageModel(
            article,
            await store.FindSlugsByTitleAsync(teasers, cancellationToken),
            await coverage.GetArticleCoverageAsync(article.Slug, CoverageOnPage, cancellationToken));
    }

    private async Task<ArticleList?> ListAsync(ArticleFacet facet, string path, int page, int total, CancellationToken cancellationToken)
    {
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        if (page > pageCount)
        {
            return null;
        }
        var articles = await store.GetNewestAsync(facet, (page - 1) * PageSize, PageSize, cancellationToken);
        return new ArticleList(articles, path, page, pageCount, total);
    }
}
