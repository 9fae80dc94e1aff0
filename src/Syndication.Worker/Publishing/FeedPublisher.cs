using System.Globalization;
using Microsoft.Extensions.Options;
using Syndication.Core.Ingestion.Stories;
using Syndication.Core.Publishing;
using Syndication.Core.Publishing.Rendering;
using Syndication.Storage;
using Syndication.Storage.Articles;
using Syndication.Storage.Ingestion;
using Syndication.Storage.Search;
using Syndication.Worker.Configuration;
using Syndication.Worker.Ingestion;
using Syndication.Worker.Operations.Metrics;

namespace Syndication.Worker.Publishing;

/// <summary>
/// Builds every feed we publish — site, section, author, tag (latest and paged), monthly archives, related
/// coverage — and keeps each rendered until the part of the store it shows changes.
/// </summary>
public sealed class FeedPublisher(
    ArticleStore store,
    EntryStore entries,
    CoverageStore coverage,
    FeedCache cache,
    SiteProvider sites,
    TimeProvider clock,
    IOptions<SyndicationOptions> options,
    IOptions<IngestionOptions> ingestion,
    SyndicationMetrics? metrics = null)
{
    /// <summary>The public feed at an address (and page), or null when it names nothing we have.</summary>
    public Task<RenderedFeed?> GetAsync(FeedAddress address, int? page, CancellationToken cancellationToken) =>
        GetAsync(address, page, FeedAudience.Public, cancellationToken);

    /// <summary>The feed at an address (and page) as rendered for an audience, or null when it names nothing we have.</summary>
    public Task<RenderedFeed?> GetAsync(FeedAddress address, int? page, FeedAudience audience, CancellationToken cancellationToken)
    {
        var slot = SlotOf(address, page, audience);
        return cache.GetAsync(slot.Key, slot.DependsOn, token => TimedAsync(address, () => address.Kind switch
        {
            FeedKind.SectionRelated or FeedKind.ArticleRelated => RenderCoverageAsync(address, audience, token),
            FeedKind.Related => RenderRelatedAsync(address, audience, token),
            FeedKind.Archive => RenderArchiveAsync(address, audience, token),
            _ => RenderFacetAsync(address, page, audience, token),
        }), cancellationToken);
    }

    /// <summary>The public feed at an address when it is rendered and current, without waiting; false when it must be
    /// (or is being) rendered, or the store's revision must be read again — then <see cref="GetAsync(FeedAddress, int?, FeedAudience, CancellationToken)"/> answers.</summary>
    internal bool TryGetRendered(CacheSlot slot, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RenderedFeed? feed) =>
        cache.TryGetCurrent(slot.Key, slot.DependsOn, out feed);

    /// <summary>Where the feed at an address (and page) is kept for an audience, and which store revision it follows.</summary>
    internal static CacheSlot SlotOf(FeedAddress address, int? page, FeedAudience audience) => address.Kind switch
    {
        // Coverage follows both sides: entries (and relating, which moves the entries revision) and articles.
        FeedKind.SectionRelated or FeedKind.ArticleRelated => new(audience.CacheKeyOf(address.Path), FeedCache.Both),
        FeedKind.Related => new(audience.CacheKeyOf(address.Path), FeedCache.Entries),
        // Which archive documents exist, and their links, follow the articles alone, so the revision covers them.
        _ => new($"{audience.CacheKeyOf(address.Path)}?page={page}", FeedCache.Articles),
    };

    /// <summary>A feed's key in the feed cache and the store revision its document follows.</summary>
    internal sealed record CacheSlot(string Key, Func<StoreRevisions, long> DependsOn);

    /// <summary>Only cache misses reach here, so the render-time histogram measures real builds (queries and rendering).</summary>
    /// <remarks>The clock starts before the render is called: SQLite's "async" calls complete synchronously, so most of
    /// a render has already run by the time its task is returned.</remarks>
    private async Task<RenderedFeed?> TimedAsync(FeedAddress address, Func<Task<RenderedFeed?>> render)
    {
        var started = clock.GetTimestamp();
        var feed = await render();
        metrics?.RecordRender(address.Kind, clock.GetElapsedTime(started));
        return feed;
    }

    private async Task<RenderedFeed?> RenderFacetAsync(FeedAddress address, int? page, FeedAudience audience, CancellationToken cancellationToken)
    {
        var facet = audience.Narrow(address.Facet!);
        var site = sites.Site;
        var count = await store.CountAsync(facet, cancellationToken);
        // A facet whose last article was withdrawn still answers, with the withdrawals, so its subscribers learn of them.
        if (count == 0 && address.Kind != FeedKind.Site && (await store.GetDeletedAsync(facet, null, null, 1, cancellationToken)).Count == 0)
        {
            return null;
        }
        var pageSize = options.Value.PageSize;
        var lastPage = Math.Max(1, (count + pageSize - 1) / pageSize);
        if (page is { } number && (number < 1 || number > lastPage))
        {
            return null;
        }
        var articles = page is { } pageNumber
            ? await store.GetPageAsync(facet, pageNumber, pageSize, cancellationToken, bodies: audience.FullText)
            : await store.GetLatestAsync(options.Value.FeedSize, facet, cancellationToken, bodies: audience.FullText);
        var (title, alternate) = await DescribeAsync(address, site, cancellationToken);
        var links = new List<FeedLink>();
        // Pages count from the oldest, so "first" (the newest) is the highest number and "next" walks back in time.
        links.Add(PageLink("first", address, lastPage));
        links.Add(PageLink("last", address, 1));
        if (page is { } current)
        {
            if (current > 1)
            {
                links.Add(PageLink("next", address, current - 1));
            }
            if (current < lastPage)
            {
                links.Add(PageLink("previous", address, current + 1));
            }
        }
        else if (address.Kind == FeedKind.Site && address.Format == FeedFormat.Atom && await NewestArchiveMonthAsync(cancellationToken) is { } newest)
        {
            links.Add(new FeedLink("prev-archive", FeedAddress.Archive(newest.Year, newest.Month).Path, FeedFormat.Atom.MediaType()));
        }
        var selfPath = page is { } self ? PagePath(address, self) : address.Path;
        var document = new FeedDocument(title, site.Description, audience.PathOf(selfPath), alternate, articles)
        {
            Links = ForAudience(links, audience),
            FullText = audience.FullText,
            Images = audience.Profile?.Images ?? true,
            Media = audience.Profile?.Media ?? true,
            Attribution = audience.Profile?.Attribution,
            IdPath = audience.IdPathOf(selfPath),
            Deleted = await DeletedAsync(facet, page, lastPage, articles, cancellationToken),
        };
        return Render(document, address.Format);
    }

    /// <summary>
    /// The withdrawals a facet feed announces: those published within the span its articles cover. A page spans from
    /// its oldest article to the next page's oldest (page 1 from the beginning, the newest page to the end), so a
    /// partner walking the pages meets every withdrawal exactly once; the latest feed spans its own articles (all
    /// time when it shows the whole facet), at most a feed's worth.
    /// </summary>
    private async Task<IReadOnlyList<Core.Articles.DeletedArticle>> DeletedAsync(
        ArticleFacet facet, int? page, int lastPage, IReadOnlyList<Core.Articles.Article> articles, CancellationToken cancellationToken)
    {
        if (page is not { } number)
        {
            var from = articles.Count >= options.Value.FeedSize ? articles[^1].Published : (DateTimeOffset?)null;
            return await store.GetDeletedAsync(facet, from, null, options.Value.FeedSize, cancellationToken);
        }
        var start = number == 1 || articles.Count == 0 ? (DateTimeOffset?)null : articles[^1].Published;
        var end = number == lastPage ? null : await store.GetPublishedAtAsync(facet, (long)number * options.Value.PageSize, cancellationToken);
        return await store.GetDeletedAsync(facet, start, end, null, cancellationToken);
    }

    private async Task<(string Title, string Alternate)> DescribeAsync(FeedAddress address, Site site, CancellationToken cancellationToken)
    {
        if (address.Kind == FeedKind.Site)
        {
            return (site.Name, "");
        }
        var kind = address.Facet!.Kind;
        var facet = (await store.ListFacetsAsync(kind, cancellationToken)).FirstOrDefault(f => f.Slug == address.Slug);
        var name = facet?.Name ?? address.Slug!;
        return kind switch
        {
            FacetKind.Section => ($"{name} – {site.Name}", "sections/" + address.Slug),
            FacetKind.Author => ($"Bài của {name} – {site.Name}", ""),
            _ => ($"Chủ đề {name} – {site.Name}", ""),
        };
    }

    /// <summary>RFC 5005 archive: every article published in one month (archive time zone), linked to its neighbours.</summary>
    private async Task<RenderedFeed?> RenderArchiveAsync(FeedAddress address, FeedAudience audience, CancellationToken cancellationToken)
    {
        var range = await store.GetPublishedRangeAsync(cancellationToken);
        var site = sites.Site;
        var month = new DateOnly(address.Year, address.Month, 1);
        if (range is null || month < ArchiveMonths.Of(range.Value.Oldest, site) || month > ArchiveMonths.Of(range.Value.Newest, site))
        {
            return null;
        }
        var newest = ArchiveMonths.Of(range.Value.Newest, site);
        var articles = await store.GetPublishedBetweenAsync(
            audience.Narrow(ArticleFacet.Site), ArchiveMonths.Start(month, site), ArchiveMonths.Start(month.AddMonths(1), site), cancellationToken, bodies: audience.FullText);
        var links = new List<FeedLink> { new("current", FeedAddress.Site(FeedFormat.Atom).Path, FeedFormat.Atom.MediaType()) };
        if (month > ArchiveMonths.Of(range.Value.Oldest, site))
        {
            var previous = month.AddMonths(-1);
            links.Add(new FeedLink("prev-archive", FeedAddress.Archive(previous.Year, previous.Month).Path, FeedFormat.Atom.MediaType()));
        }
        if (month < newest)
        {
            var next = month.AddMonths(1);
            links.Add(new FeedLink("next-archive", FeedAddress.Archive(next.Year, next.Month).Path, FeedFormat.Atom.MediaType()));
        }
        var title = string.Create(CultureInfo.InvariantCulture, $"{site.Name} – lưu trữ tháng {month.Month:D2}/{month.Year:D4}");
        var document = new FeedDocument(title, site.Description, audience.PathOf(address.Path), "", articles)
        {
            Links = ForAudience(links, audience),
            FullText = audience.FullText,
            Images = audience.Profile?.Images ?? true,
            Media = audience.Profile?.Media ?? true,
            Attribution = audience.Profile?.Attribution,
            IdPath = audience.IdPathOf(address.Path),
            IsArchive = true,
            UpdatedWhenEmpty = ArchiveMonths.Start(month, site),
            // Every withdrawal of the month, so a partner walking the archive sees each one.
            Deleted = await store.GetDeletedAsync(
                audience.Narrow(ArticleFacet.Site), ArchiveMonths.Start(month, site), ArchiveMonths.Start(month.AddMonths(1), site), null, cancellationToken),
        };
        return Render(document, FeedFormat.Atom);
    }

    private async Task<RenderedFeed?> RenderRelatedAsync(FeedAddress address, FeedAudience audience, CancellationToken cancellationToken)
    {
        var site = sites.Site;
        // One item per story: the earliest copy, naming the other outlets' copies (docs/stories.md).
        var latest = await entries.GetLatestStoriesAsync(ingestion.Value.RelatedFeedSize, cancellationToken);
        var document = new RelatedFeedDocument(
            $"Tin liên quan – {site.Name}", "Tin từ các báo và cơ quan khác, liên quan đến địa bàn và lĩnh vực của báo", audience.PathOf(address.Path), "", latest)
        {
            Links = ForAudience([], audience),
        };
        return new RenderedFeed(CreateRenderer(site).Render(document, address.Format), ContentType(address.Format), document.Updated);
    }

    /// <summary>The related coverage of a section's articles, or of one article; null when there is no such section or article.</summary>
    private async Task<RenderedFeed?> RenderCoverageAsync(FeedAddress address, FeedAudience audience, CancellationToken cancellationToken)
    {
        var site = sites.Site;
        string title, description, alternate;
        IReadOnlyList<RelatedEntry> related;
        if (address.Kind == FeedKind.ArticleRelated)
        {
            if (await store.GetBySlugAsync(address.Slug!, cancellationToken) is not { } article)
            {
                return null;
            }
            related = await coverage.GetArticleCoverageAsync(article.Slug, ingestion.Value.RelatedFeedSize, cancellationToken);
            title = $"Tin liên quan: {article.Title} – {site.Name}";
            description = $"Các báo khác viết về chủ đề của bài “{article.Title}”";
            alternate = "articles/" + article.Slug;
        }
        else
        {
            var section = (await store.ListFacetsAsync(FacetKind.Section, cancellationToken)).FirstOrDefault(facet => facet.Slug == address.Slug);
            if (section is null)
            {
                return null;
            }
            related = await coverage.GetCoverageAsync(address.Facet!, ingestion.Value.RelatedFeedSize, cancellationToken);
            title = $"Tin liên quan – {section.Name} – {site.Name}";
            description = $"Tin từ các báo khác liên quan đến các bài chuyên mục {section.Name}";
            alternate = "sections/" + section.Slug;
        }
        var ranked = related.Select(r => r.Entry).ToList();
        var copies = await entries.GetStoryCopiesAsync([.. ranked.Select(entry => entry.StoryId).Distinct()], cancellationToken);
        var document = new RelatedFeedDocument(title, description, audience.PathOf(address.Path), alternate, StoryGroups.Collapse(ranked, copies))
        {
            Links = ForAudience([], audience),
        };
        return new RenderedFeed(CreateRenderer(site).Render(document, address.Format), ContentType(address.Format), document.Updated);
    }

    /// <summary>The months that have archive documents: from the oldest article's month to the newest article's (an
    /// empty month between them has an empty document, so the chain of prev-archive links never breaks).</summary>
    public async Task<IReadOnlyList<DateOnly>> ArchiveMonthsAsync(CancellationToken cancellationToken)
    {
        var range = await store.GetPublishedRangeAsync(cancellationToken);
        if (range is null)
        {
            return [];
        }
        var months = new List<DateOnly>();
        for (var month = ArchiveMonths.Of(range.Value.Oldest, sites.Site); month <= ArchiveMonths.Of(range.Value.Newest, sites.Site); month = month.AddMonths(1))
        {
            months.Add(month);
        }
        return months;
    }

    private async Task<DateOnly?> NewestArchiveMonthAsync(CancellationToken cancellationToken) =>
        (await ArchiveMonthsAsync(cancellationToken)) is { Count: > 0 } months ? months[^1] : null;

    /// <summary>Links in the audience's URL space; the hub only on public feeds (it is pinged for those alone).</summary>
    private List<FeedLink> ForAudience(List<FeedLink> links, FeedAudience audience)
    {
        var mapped = links.ConvertAll(link => link with { Path = audience.PathOf(link.Path) });
        if (audience.IsPublic && !string.IsNullOrWhiteSpace(options.Value.WebSubHub))
        {
            mapped.Add(new FeedLink("hub", options.Value.WebSubHub));
        }
        return mapped;
    }

    private static FeedLink PageLink(string relation, FeedAddress address, int page) =>
        new(relation, PagePath(address, page), address.Format.MediaType());

    private static string PagePath(FeedAddress address, int page) =>
        string.Create(CultureInfo.InvariantCulture, $"{address.Path}?page={page}");

    private RenderedFeed Render(FeedDocument document, FeedFormat format) =>
        new(CreateRenderer(sites.Site).Render(document, format), ContentType(format), document.Updated);

    /// <summary>Feeds point browsers at our stylesheet, so a feed opened in a tab reads as a page.</summary>
    private static FeedRenderer CreateRenderer(Site site) => new(site, site.Url(FeedStylesheet.Path));

    private static string ContentType(FeedFormat format) => format.MediaType() + "; charset=utf-8";
}
