using System.Text;

namespace Syndication.Core.Search;

/// <summary>
/// A search as someone typed it, read into a small tree of folded phrases that each engine translates into its own
/// syntax: words must all be found, "a phrase" keeps its words together, OR offers alternatives, -word leaves out,
/// and a trailing * finds words that start so. Anything else (column filters, NEAR, parentheses, stray quotes) is
/// read as words, never as syntax, so no engine can fail on what the user typed.
/// </summary>
public sealed record SearchQuery
{
    public const int MaxLength = 500;
    public const int MaxWords = 24;
    private const int MinPrefixLength = 2;

    private SearchQuery(
        string text, IReadOnlyList<IReadOnlyList<SearchPhrase>> groups, IReadOnlyList<SearchPhrase> excluded, IReadOnlyList<string> words, IReadOnlyList<string> prefixes)
    {
        Text = text;
        Groups = groups;
        Excluded = excluded;
        Words = words;
        Prefixes = prefixes;
    }

    /// <summary>What was typed.</summary>
    public string Text { get; }

    /// <summary>What must be found: every group, each by any of its phrases (alternatives joined by OR).</summary>
    public IReadOnlyList<IReadOnlyList<SearchPhrase>> Groups { get; }

    /// <summary>Phrases none of which may be found.</summary>
    public IReadOnlyList<SearchPhrase> Excluded { get; }

    /// <summary>The folded words looked for (not those left out), to find where a text matches.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>The folded beginnings looked for with a trailing *.</summary>
    public IReadOnlyList<string> Prefixes { get; }

    /// <summary>Translates a search; throws <see cref="SearchQueryException"/> with a plain message when there is nothing to search for or too much.</summary>
    public static SearchQuery Parse(string? text)
    {
        text ??= "";
        if (text.Length > MaxLength)
        {
            throw new SearchQueryException($"The search is too long: at most {MaxLength} characters.");
        }
        var groups = new List<List<SearchPhrase>>();
        var excluded = new List<SearchPhrase>();
        var words = new List<string>();
        var prefixes = new List<string>();
        var wordCount = 0;
        var orPending = false;
        foreach (var item in Items(text))
        {
            if (item.IsOr)
            {
                orPending = groups.Count > 0;
                continue;
            }
            wordCount += item.Words.Length;
            if (wordCount > MaxWords)
            {
                throw new SearchQueryException($"The search has too many words: at most {MaxWords}.");
            }
            var phrase = new SearchPhrase(item.Words, item.Prefix);
            if (item.Excluded)
            {
                excluded.Add(phrase);
            }
            else
            {
                if (orPending)
                {
                    groups[^1].Add(phrase);
                }
                else
                {
                    groups.Add([phrase]);
                }
                words.AddRange(item.Prefix ? item.Words[..^1] : item.Words);
                if (item.Prefix)
                {
                    prefixes.Add(item.Words[^1]);
                }
            }
            orPending = false;
        }
        if (groups.Count == 0)
        {
            throw new SearchQueryException(excluded.Count > 0
                ? "Say what to look for, not only what to leave out."
                : "Type at least one word to search for.");
        }
        return new SearchQuery(
            text, [.. groups.Select(group => (IReadOnlyList<SearchPhrase>)group)], excluded,
            [.. words.Distinct(StringComparer.Ordinal)], [.. prefixes.Distinct(StringComparer.Ordinal)]);
    }

    private static IEnumerable<Item> Items(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }
            var excluded = text[i] == '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]);
            if (excluded)
            {
                i++;
            }
            string raw;
            if (text[i] == '"')
            {
                // An unclosed quote runs to the end: forgiving, and still only words.
                var close = text.IndexOf('"', i + 1);
                raw = close < 0 ? text[(i + 1)..] : text[(i + 1)..close];
                i = close < 0 ? text.Length : close + 1;
                if (i < text.Length && text[i] == '*')
                {
                    raw += "*";
                    i++;
                }
            }
            else
            {
                var stop = i;
                while (stop < text.Length && !char.IsWhiteSpace(text[stop]) && text[stop] != '"')
                {
                    stop++;
                }
                raw = text[i..stop];
                i = stop;
                if (!excluded && raw == "OR")
                {
                    yield return Item.Or;
                    continue;
                }
            }
            var folded = SearchText.Fold(raw.TrimEnd());
            var words = SearchText.Words(folded).ToArray();
            if (words.Length == 0)
            {
                continue;
            }
            // "t*" would expand to most of the vocabulary; a one-letter beginning is read as the word itself.
            var prefix = folded.EndsWith('*') && words[^1].Length >= MinPrefixLength && folded.TrimEnd('*').EndsWith(words[^1], StringComparison.Ordinal);
            yield return new Item(words, prefix, excluded, false);
        }
    }

    private sealed record Item(string[] Words, bool Prefix, bool Excluded, bool IsOr)
    {
        public static readonly Item Or = new([], false, false, true);
    }

    /// <summary>The tree written out (quoted phrases, AND, OR, NOT), for logs and tests; words only ever hold letters and digits.</summary>
    public string Describe()
    {
        static string Phrase(SearchPhrase phrase) => "\"" + string.Join(' ', phrase.Words) + "\"" + (phrase.Prefix ? "*" : "");
        var all = string.Join(" AND ", Groups.Select(group => group.Count == 1 ? Phrase(group[0]) : "(" + string.Join(" OR ", group.Select(Phrase)) + ")"));
        return Excluded.Count == 0 ? all : $"({all}) NOT ({string.Join(" OR ", Excluded.Select(Phrase))})";
    }

    public override string ToString() => new StringBuilder(Text).Append(" → ").Append(Describe()).ToString();
}
