using Syndication.Core.Ingestion.Sources;

namespace Syndication.Storage.Search;

/// <summary>An ingested entry kept as related coverage of an article, with its score and the article's terms it matched.</summary>
public sealed record RelatedEntry(IngestedEntry Entry, string ArticleSlug, string ArticleTitle, double Score, IReadOnlyList<string> MatchedTerms);
