using Syndication.Core.Ingestion.Normalising;

namespace Syndication.Core.Search;

/// <summary>A short plain-text excerpt of a search hit, starting near the first word the search looked for, in the text's own spelling.</summary>
public static class SearchSnippet
{
    public const int DefaultLength = 240;

    public static string Around(string? html, SearchQuery query, int maxLength = DefaultLength)
    {
        var plain = PlainText.FromMarkup(html) ?? "";
        if (plain.Length <= maxLength)
        {
            return plain;
        }
        return Cut(plain, FirstMatch(plain, query), maxLength);
    }

    /// <summary>An excerpt of plain text around where the search is best seen (its words side by side, as typed when
    /// they were typed with marks), for pages that rank by relevance.</summary>
    public static string Best(string plain, SearchQuery query, int maxLength = DefaultLength) =>
        plain.Length <= maxLength ? plain : Cut(plain, Math.Max(0, SearchRanking.BestMatch(query, TextWords.Of(plain))), maxLength);

    /// <summary>A snippet cut into runs of text, the words the search matched marked. A word typed with marks marks
    /// only its own spelling when the snippet has it ("cà phê" marks "cà phê", not the "ca" of "mắc ca"), and every
    /// folded match when the snippet has none (a hit the index found only folded still shows why).</summary>
    public static IReadOnlyList<SnippetPart> Highlight(string snippet, SearchQuery query)
    {
        var terms = query.Phrases.SelectMany(phrase => phrase).ToList();
        var words = TextWords.Of(snippet);
        var spelled = terms.Where(term => term.HasMarks && words.Any(term.MatchesExactly)).ToHashSet();
        var parts = new List<SnippetPart>();
        var at = 0;
        foreach (var word in words)
        {
            if (!terms.Any(term => spelled.Contains(term) ? term.MatchesExactly(word) : term.MatchesFolded(word)))
            {
                continue;
            }
            if (word.Start > at)
            {
                parts.Add(new SnippetPart(snippet[at..word.Start], false));
            }
            parts.Add(new SnippetPart(snippet.Substring(word.Start, word.Length), true));
            at = word.Start + word.Length;
        }
        if (at < snippet.Length)
        {
            parts.Add(new SnippetPart(snippet[at..], false));
        }
        return parts;
    }

    private static string Cut(string plain, int match, int maxLength)
    {
        // Some words of context before the match, then cut at word boundaries.
        var start = Math.Max(0, match - (maxLength / 4));
        if (start > 0)
        {
            var space = plain.IndexOf(' ', start);
            start = space < 0 || space >= match ? start : space + 1;
        }
        var end = Math.Min(plain.Length, start + maxLength);
        if (end < plain.Length)
        {
            var space = plain.LastIndexOf(' ', end);
            end = space > start ? space : end;
        }
        return (start > 0 ? "…" : "") + plain[start..end] + (end < plain.Length ? "…" : "");
    }

    /// <summary>Where the first sought word starts, or 0; words are folded as the index folds them, the offset is the text's own.</summary>
    private static int FirstMatch(string plain, SearchQuery query) =>
        TextWords.Of(plain).FirstOrDefault(word =>
            query.Words.Contains(word.Folded, StringComparer.Ordinal)
            || query.Prefixes.Any(prefix => word.Folded.StartsWith(prefix, StringComparison.Ordinal))) is { Length: > 0 } first
            ? first.Start
            : 0;
}
