using Syndication.Core.Ingestion.Sources;

namespace Syndication.Storage.Search;

/// <summary>One article or entry a search found, with a plain-text snippet near the words it matched.</summary>
public sealed record SearchHit
{
    public required SearchHitKind Kind { get; init; }
    /// <summary>The article's or the entry's id.</summary>
    public required long Id { get; init; }
    public required Guid StableId { get; init; }
    public required string Title { get; init; }
    public required string Snippet { get; init; }
    /// <summary>The plain text searched besides the title (lead and body, or summary and content), for ranking.</summary>
    public string Text { get; init; } = "";
    /// <summary>The article's publication; the entry's sort time (published, else updated, else first seen).</summary>
    public required DateTimeOffset Published { get; init; }
    public DateTimeOffset? Updated { get; init; }
    /// <summary>BM25 relevance (higher is better), comparable within one kind only; null when ordered newest first (not worked out).</summary>
    public double? Rank { get; init; }
    /// <summary>For articles: the slug of its URL, and its section.</summary>
    public string? ArticleSlug { get; init; }
    public string? SectionSlug { get; init; }
    public string? SectionName { get; init; }
    /// <summary>For entries: the entry with its link and source.</summary>
    public IngestedEntry? Entry { get; init; }
}
