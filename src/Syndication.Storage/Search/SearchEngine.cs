using System.Data.Common;
using Syndication.Core.Search;

namespace Syndication.Storage.Search;

/// <summary>
/// The full-text part of one engine: how the index is kept, how a <see cref="SearchQuery"/> is matched and how matches
/// are ranked. The stores above it (search, coverage) hold everything else once.
/// </summary>
internal abstract class SearchEngine
{
    /// <summary>Ids of the articles or entries the query matches, newest or best first, with their rank when ordered by relevance.</summary>
    public abstract Task<IReadOnlyList<(long Id, double? Rank)>> MatchAsync(
        DbConnection connection, SearchHitKind kind, SearchQuery query, SearchOrder order, int limit);

    /// <summary>
    /// The articles or entries dated within [from, to] that contain any of the terms (as phrases), best first by BM25
    /// (title 3, lead or summary 2, body 1), with that relevance (higher is better).
    /// </summary>
    public abstract Task<IReadOnlyList<(long Id, double Relevance)>> RankAsync(
        DbConnection connection, SearchHitKind kind, IReadOnlyList<WeightedTerm> terms, DateTimeOffset from, DateTimeOffset to, int limit);

    /// <summary>In how many articles each word occurs (words that occur nowhere may be left out).</summary>
    public abstract Task<IReadOnlyDictionary<string, long>> ArticleDocumentsAsync(DbConnection connection, IReadOnlyCollection<string> words);

    /// <summary>After an article row was inserted or its text changed, in the same transaction.</summary>
    public abstract Task IndexArticleAsync(DbConnection connection, DbTransaction transaction, long id, string title, string? lead, string body);

    /// <summary>After entry rows were inserted or their text changed, in the same transaction: all of them at once.</summary>
    public abstract Task IndexEntriesAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<EntryText> entries);

    /// <summary>Rebuilds both indexes from the tables inside the transaction.</summary>
    public abstract Task ReindexAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);
}
