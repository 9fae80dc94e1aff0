using System.Text;
using Syndication.Core.Search;

namespace Syndication.Storage.Postgres;

/// <summary>
/// An article's or entry's row of the PostgreSQL search index: the folded words of its three parts and the tsvector
/// of them, positions and weights written out by us (title A, lead or summary B, body C) so PostgreSQL's parser and
/// dictionaries never see the text and match exactly the words SQLite's index holds.
/// </summary>
internal sealed record SearchDocument(string Title, string Lead, string Body, long Words, string Vector)
{
    // tsvector keeps positions up to 16383, at most 256 of them per word, and refuses lexemes of 2 KB or more.
    private const int MaxPosition = 16383;
    private const int MaxPositionsPerWord = 255;
    private const int MaxWordLength = 500;

    public static SearchDocument FromHtml(string? title, string? lead, string? body)
    {
        var parts = new[] { FoldedWords(title), FoldedWords(lead), FoldedWords(body) };
        var positions = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var position = 1;
        var weights = "ABC";
        for (var part = 0; part < parts.Length; part++)
        {
            foreach (var word in parts[part])
            {
                if (word.Length <= MaxWordLength)
                {
                    if (!positions.TryGetValue(word, out var list))
                    {
                        positions[word] = list = [];
                    }
                    if (list.Count < MaxPositionsPerWord && position <= MaxPosition)
                    {
                        list.Add($"{position}{weights[part]}");
                    }
                }
                position++;
            }
            // A hole between parts, so a phrase never runs from the end of one into the next.
            position++;
        }
        var vector = new StringBuilder();
        foreach (var (word, list) in positions)
        {
            // A word seen only past the last position is still found, without a position (phrases cannot end there).
            vector.Append('\'').Append(word).Append('\'');
            if (list.Count > 0)
            {
                vector.Append(':').AppendJoin(',', list);
            }
            vector.Append(' ');
        }
        return new SearchDocument(
            string.Join(' ', parts[0]), string.Join(' ', parts[1]), string.Join(' ', parts[2]),
            parts.Sum(part => part.Length), vector.ToString());
    }

    private static string[] FoldedWords(string? html) => [.. SearchText.Words(SearchText.FromHtml(html))];
}
