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
        var match = FirstMatch(plain, query);
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
    private static int FirstMatch(string plain, SearchQuery query)
    {
        var i = 0;
        while (i < plain.Length)
        {
            if (!SearchText.IsWordChar(plain[i]))
            {
                i++;
                continue;
            }
            var start = i;
            var folded = new System.Text.StringBuilder();
            while (i < plain.Length && (SearchText.IsWordChar(plain[i]) || SearchText.IsApostropheInWord(plain, i)))
            {
                if (SearchText.IsWordChar(plain[i]))
                {
                    folded.Append(SearchText.FoldChar(plain[i]));
                }
                i++;
            }
            var word = folded.ToString();
            if (query.Words.Contains(word, StringComparer.Ordinal) || query.Prefixes.Any(prefix => word.StartsWith(prefix, StringComparison.Ordinal)))
            {
                return start;
            }
        }
        return 0;
    }
}
