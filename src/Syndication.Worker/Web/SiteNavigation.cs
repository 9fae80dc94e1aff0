using Syndication.Storage.Articles;
using Syndication.Worker.Publishing;

namespace Syndication.Worker.Web;

/// <summary>The sections every page's masthead links to, read again only when the archive changes.</summary>
public sealed class SiteNavigation(ArticleStore store, ArchiveRevision revision)
{
    private (long Revision, IReadOnlyList<FacetSummary> Sections)? _known;

    public async Task<IReadOnlyList<FacetSummary>> SectionsAsync(CancellationToken cancellationToken)
    {
        var current = (await revision.CurrentAsync(cancellationToken)).Articles;
        if (_known is { } known && known.Revision == current)
        {
            return known.Sections;
        }
        var sections = await store.ListFacetsAsync(FacetKind.Section, cancellationToken);
        _known = (current, sections);
        return sections;
    }
}
