using Syndication.Core.Search;

namespace Syndication.Storage.Postgres;

/// <summary>
/// Writes a search's tree and coverage terms as tsquery text (cast with ::tsquery, so no parser or dictionary
/// touches it): a phrase is its words joined by &lt;-&gt;, a prefix ends in :*, alternatives |, all of them &amp;,
/// left out &amp; !(…). Words hold only letters and digits, so quoting cannot be broken out of.
/// </summary>
internal static class TsQuery
{
    public static string Of(SearchQuery query)
    {
        var all = string.Join(" & ", query.Groups.Select(group => group.Count == 1 ? Phrase(group[0]) : "( " + string.Join(" | ", group.Select(Phrase)) + " )"));
        return query.Excluded.Count == 0 ? all : $"( {all} ) & !( {string.Join(" | ", query.Excluded.Select(Phrase))} )";
    }

    /// <summary>Any of the terms, each as a phrase.</summary>
    public static string AnyOf(IReadOnlyList<WeightedTerm> terms) => string.Join(" | ", terms.Select(term => Phrase(term.Term)));

    /// <summary>One term ("tin dung") as a phrase.</summary>
    public static string Phrase(string term) => Phrase(new SearchPhrase(term.Split(' '), false));

    private static string Phrase(SearchPhrase phrase)
    {
        var words = phrase.Words.Select(word => "'" + word + "'").ToArray();
        if (phrase.Prefix)
        {
            words[^1] += ":*";
        }
        return words.Length == 1 ? words[0] : "( " + string.Join(" <-> ", words) + " )";
    }
}
