using Syndication.Core.Search;

namespace Syndication.Storage.Sqlite;

/// <summary>Writes a search's tree and coverage terms in FTS5's MATCH syntax; only quoted folded words, so it cannot be broken out of.</summary>
internal static class Fts5Match
{
    /// <summary>The tree as <see cref="SearchQuery.Describe"/> writes it, which is FTS5's own syntax.</summary>
    public static string Of(SearchQuery query) => query.Describe();

    /// <summary>Any of the terms, each as a phrase.</summary>
    public static string AnyOf(IReadOnlyList<WeightedTerm> terms) => string.Join(" OR ", terms.Select(term => "\"" + term.Term + "\""));
}
