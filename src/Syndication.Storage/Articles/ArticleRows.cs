namespace Syndication.Storage.Articles;

// Row shapes Dapper fills; private to the store.
internal sealed record ArticleRow(
    long Id, string StableId, string Slug, string Title, string? Lead, string? BodyHtml,
    string SectionSlug, string SectionName, string PublishedUtc, string UpdatedUtc, string ContentHash, string? EmbargoedUntilUtc,
    string? CorrectionText, string? CorrectionUtc);

internal sealed record NamedPartRow(long ArticleId, string Slug, string Name);

internal sealed record ImageRow(long ArticleId, string? Url, string? Caption, string? MediaType, long? Length, long? Width, long? Height, string? Credit);

internal sealed record RelatedRow(long ArticleId, string Title, string? Summary, string? Url);

internal sealed record ExistingArticleRow(long Id, string ContentHash, string? CorrectionText, string? CorrectionUtc);

internal sealed record TombstoneRow(string StableId, string Slug, string PublishedUtc, string DeletedUtc, string? Comment);
