namespace Syndication.Storage.Search;

/// <summary>One entry as scored against an article: relevance, recency, score, matched terms, and whether it is kept.</summary>
public sealed record CoverageCandidate(
    long EntryId,
    string? Title,
    string? SourceTitle,
    string? Link,
    DateTimeOffset Date,
    double Relevance,
    double Recency,
    double Score,
    IReadOnlyList<string> MatchedTerms,
    bool Kept);
