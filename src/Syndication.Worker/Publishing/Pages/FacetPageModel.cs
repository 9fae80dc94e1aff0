using Syndication.Storage.Articles;

namespace Syndication.Worker.Publishing.Pages;

/// <summary>A section's, author's or tag's page: its name, its articles (one page of them) and its feeds.</summary>
public sealed record FacetPageModel(FacetSummary Facet, ArticleList List)
{
    public FeedKind FeedKind => Facet.Kind switch
    {
        FacetKind.Section => FeedKind.Section,
        FacetKind.Author => FeedKind.Author,
        _ => FeedKind.Tag,
    };

    /// <summary>How the page names what it lists: "Chuyên mục", "Tác giả", "Chủ đề".</summary>
    public string KindName => Facet.Kind switch
    {
        FacetKind.Section => "Chuyên mục",
        FacetKind.Author => "Tác giả",
        _ => "Chủ đề",
    };

    public string Title => Facet.Kind switch
    {
        FacetKind.Section => Facet.Name,
        FacetKind.Author => $"Bài của {Facet.Name}",
        _ => $"Chủ đề: {Facet.Name}",
    };
}
