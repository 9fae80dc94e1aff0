using System.Text;

namespace Syndication.Core.Search;

/// <summary>
/// A search as someone typed it, translated into an FTS5 MATCH expression built only from quoted, folded words:
/// words must all be found, "a phrase" keeps its words together, OR offers alternatives, -word leaves out, and a
/// trailing * finds words that start so. Anything else (column filters, NEAR, parentheses, stray quotes) is read as
/// words, never as FTS syntax, so SQLite cannot fail on what the user typed.
/// </summary>
public sealed record SearchQuery
{
    public const int MaxLength = 500;
    public const int MaxWords = 24;
    private const int MinPrefixLength = 2;

    private SearchQuery(
        string text, string expression, IReadOnlyList<string> words, IReadOnlyList<string> prefixes,
        IReadOnlyList<IReadOnlyList<SearchTerm>> phrases, bool hasAlternatives)
    {
        Text = text;
        Expression = expression;
        Words = words;
        Prefixes = prefixes;
        Phrases = phrases;
        HasAlternatives = hasAlternatives;
    }

    /// <summary>What was typed.</summary>
    public string Text { get; }

    /// <summary>The FTS5 expression; pass it to MATCH as a parameter.</summary>
    public string Expression { get; }

    /// <summary>The folded words looked for (not those left out), to find where a text matches.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>The folded beginnings looked for with a trailing *.</summary>
    public IReadOnlyList<string> Prefixes { get; }

    /// <summary>What is looked for as typed, in order: each quoted phrase or word with its words' spellings, for ranking
    /// and for marking matches (words left out are not here).</summary>
    public IReadOnlyList<IReadOnlyList<SearchTerm>> Phrases { get; }

    /// <summary>Whether the search offers alternatives (OR), so its phrases are not one run of words.</summary>
    public bool HasAlternatives { get; }

    /// <summary>Translates a search; throws <see cref="SearchQueryException"/> with a plain message when there is nothing to search for or too much.</summary>
    public static SearchQuery Parse(string? text)
    {
        text ??= "";
        if (text.Length > MaxLength)
        {
            throw new SearchQueryException($"The search is too long: at most {MaxLength} characters.", SearchQueryProblem.TooLong);
        }
        var groups = new List<List<string>>();
        var excluded = new List<string>();
        var words = new List<string>();
        var prefixes = new List<string>();
        var phrases = new List<IReadOnlyList<SearchTerm>>();
        var alternatives = false;
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
                throw new SearchQueryException($"The search has too many words: at most {MaxWords}.", SearchQueryProblem.TooManyWords);
            }
            var phrase = Render(item);
            if (item.Excluded)
            {
                excluded.Add(phrase);
            }
            else
            {
                if (orPending)
                {
                    groups[^1].Add(phrase);
                    alternatives = true;
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
                phrases.Add([.. item.Words.Select((word, i) => new SearchTerm(item.Exact[i], word, item.Prefix && i == item.Words.Length - 1))]);
            }
            orPending = false;
        }
        if (groups.Count == 0)
        {
            throw excluded.Count > 0
                ? new SearchQueryException("Say what to look for, not only what to leave out.", SearchQueryProblem.OnlyExcluded)
                : new SearchQueryException("Type at least one word to search for.", SearchQueryProblem.Empty);
        }
        var expression = string.Join(" AND ", groups.Select(group => group.Count == 1 ? group[0] : "(" + string.Join(" OR ", group) + ")"));
        if (excluded.Count > 0)
        {
            expression = $"({expression}) NOT ({string.Join(" OR ", excluded)})";
        }
        return new SearchQuery(
            text, expression, [.. words.Distinct(StringComparer.Ordinal)], [.. prefixes.Distinct(StringComparer.Ordinal)], phrases, alternatives);
    }

    /// <summary>Words only ever hold letters and digits (see <see cref="SearchText.Words"/>), so quoting cannot be broken out of.</summary>
    private static string Render(Item item) => "\"" + string.Join(' ', item.Words) + "\"" + (item.Prefix ? "*" : "");

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
            var tokens = TextWords.Of(raw.TrimEnd());
            var words = tokens.Select(token => token.Folded).ToArray();
            if (words.Length == 0)
            {
                continue;
            }
            // "t*" would expand to most of the vocabulary; a one-letter beginning is read as the word itself.
            var prefix = folded.EndsWith('*') && words[^1].Length >= MinPrefixLength && folded.TrimEnd('*').EndsWith(words[^1], StringComparison.Ordinal);
            yield return new Item(words, [.. tokens.Select(token => token.Exact)], prefix, excluded, false);
        }
    }

    /// <summary>One thing typed: its folded words (what the index holds) and their spellings as typed.</summary>
    private sealed record Item(string[] Words, string[] Exact, bool Prefix, bool Excluded, bool IsOr)
    {
        public static readonly Item Or = new([], [], false, false, true);
    }

    public override string ToString() => new StringBuilder(Text).Append(" → ").Append(Expression).ToString();
}
