using System.Globalization;
using Syndication.Core.Publishing.Rendering;
using Syndication.Storage.Articles;

namespace Syndication.Worker.Publishing;

/// <summary>Every feed we publish, with its title: for the index page, the OPML of our feeds, static export and WebSub.</summary>
public sealed class FeedCatalog(ArticleStore store, FeedPublisher publisher)
{
    private static readonly FeedFormat[] Formats = [FeedFormat.Rss, FeedFormat.Atom, FeedFormat.JsonFeed];

    public async Task<IReadOnlyList<CatalogFeed>> ListAsync(CancellationToken cancellationToken)
    {
        var feeds = new List<CatalogFeed>();
        feeds.AddRange(Formats.Select(format => new CatalogFeed(FeedAddress.Site(format), "Tất cả bài viết", "Trang chủ")));
        foreach (var (kind, group) in new[] { (FacetKind.Section, "Chuyên mục"), (FacetKind.Author, "Tác giả"), (FacetKind.Tag, "Chủ đề") })
        {
            var feedKind = kind switch
            {
                FacetKind.Section => FeedKind.Section,
                FacetKind.Author => FeedKind.Author,
                _ => FeedKind.Tag,
            };
            foreach (var facet in await store.ListFacetsAsync(kind, cancellationToken))
            {
                feeds.AddRange(Formats.Select(format => new CatalogFeed(new FeedAddress(feedKind, format, facet.Slug), facet.Name, group, facet.ArticleCount)));
            }
        }
        feeds.AddRange(Formats.Select(format => new CatalogFeed(new FeedAddress(FeedKind.Related, format), "Tin liên quan từ các báo khác", "Tin liên quan")));
        foreach (var section in await store.ListFacetsAsync(FacetKind.Section, cancellationToken))
        {
            feeds.AddRange(Formats.Select(format => new CatalogFeed(
                new FeedAddress(FeedKind.SectionRelated, format, section.Slug), $"Tin liên quan – {section.Name}", "Tin liên quan")));
        }
        foreach (var month in await publisher.ArchiveMonthsAsync(cancellationToken))
        {
            feeds.Add(new CatalogFeed(FeedAddress.Archive(month.Year, month.Month),
                string.Create(CultureInfo.InvariantCulture, $"Tháng {month.Month:D2}/{month.Year:D4}"), "Lưu trữ"));
        }
        return feeds;
    }
}

/// <summary>One published feed: its address, a title for people, and the group it is listed under.</summary>
public sealed record CatalogFeed(FeedAddress Address, string Title, string Group, int? ArticleCount = null);
