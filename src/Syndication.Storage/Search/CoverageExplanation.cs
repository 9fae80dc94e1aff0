using Syndication.Core.Search;

namespace Syndication.Storage.Search;

/// <summary>Why an article's related coverage is what it is (`syndication related SLUG`): the terms looked for and every entry scored, kept or not.</summary>
public sealed record CoverageExplanation(
    long ArticleId,
    string ArticleSlug,
    string ArticleTitle,
    DateTimeOffset Published,
    IReadOnlyList<WeightedTerm> Terms,
    IReadOnlyList<CoverageCandidate> Candidates);
