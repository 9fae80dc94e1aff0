namespace Syndication.Storage.Search;

// Row shapes Dapper fills; private to the coverage store.
internal sealed record ArticleTextRow(long Id, string Slug, string Title, string? Lead, string BodyHtml, string PublishedUtc);

internal sealed record EntryTextRow(long Id, string? Title, string? SummaryHtml, string? ContentHtml, string SortUtc, string? SourceTitle, string? Link);

internal sealed record CoverageRow(long EntryId, double Score, double Relevance, double Recency, string TermsJson);

// Properties, not a constructor: max(score) is an expression, and when no row comes back Dapper cannot tell its type to match one.
internal sealed class CoverageEntryRow
{
    public long EntryId { get; init; }
    public string ArticleSlug { get; init; } = "";
    public string ArticleTitle { get; init; } = "";
    public double Score { get; init; }
    public string TermsJson { get; init; } = "[]";
}
