using Syndication.Storage.Articles;
using Syndication.Worker.Publishing;

namespace Syndication.Worker.Web;

/// <summary>The sections every page's masthead links to, read again only when the archive changes.</summary>
public sealed class SiteNavigation(ArticleStore store, ArchiveRevision revision)
{
    // The epoch too: after the database was out of reach, the same revision number may stand for other contents.
    private ((long Articles, long Epoch) Revision, IReadOnlyList<FacetSummary> Sections)? _known;

    public async Task<IReadOnlyList<FacetSummary>> SectionsAsync(CancellationToken cancellationToken)
    {
        var read = await revision.CurrentAsync(cancellationToken);
        var current = (read.Articles, read.Epoch);
        if (_known is { } known && known.Revision == current)
        {
            return known.Sections;
        }
        var sections = await store.ListFacetsAsync(FacetKind.Section, cancellationToken);
        _known = (current, sections);
        return sections;
    }
}
