namespace Syndication.Storage.Search;

// An article as a search hit needs it, as Dapper reads it.
internal sealed record ArticleHitRow(
    long Id, string StableId, string Slug, string Title, string? Lead, string BodyHtml,
    string SectionSlug, string SectionName, string PublishedUtc, string UpdatedUtc);
