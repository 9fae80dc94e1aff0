namespace Syndication.Storage.Articles;

/// <summary>A section, author or tag with its display name and how many articles it has.</summary>
public sealed record FacetSummary(FacetKind Kind, string Slug, string Name, int ArticleCount);
