using System.Globalization;

namespace Syndication.Core.Search;

/// <summary>
/// Picks the terms that say what an article (or entry) is about, to find its related coverage: pairs of adjacent
/// words — Vietnamese words are mostly two syllables, and one folded syllable ("dung": dụng, dùng, dung…) says
/// little — weighted by how often the text uses them (a title counts more) and how rare their syllables are.
/// </summary>
public static class RelatedTerms
{
    // Function words that make no pair worth looking for. Folding merges words ("sầu" and "sau", "chợ" and "cho",
    // "bí thư" and "bị"), so only those whose folded form is hardly ever anything else are listed; rarity does the rest.
    private static readonly HashSet<string> Stopwords = new(StringComparer.Ordinal)
    {
        "va", "cua", "cac", "nhung", "duoc", "nay", "mot", "theo", "rat", "hoac", "nhieu",
    };

    /// <summary>Adjacent word pairs of the folded parts and their weighted counts (a pair counts its part's weight each time).</summary>
    public static IReadOnlyDictionary<string, double> CountPairs(IEnumerable<(string Folded, double Weight)> parts)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (folded, weight) in parts)
        {
            string? previous = null;
            foreach (var word in SearchText.Words(folded))
            {
                if (Stopwords.Contains(word))
                {
                    previous = null;
                    continue;
                }
                if (previous is not null)
                {
                    var pair = previous + " " + word;
                    counts[pair] = counts.GetValueOrDefault(pair) + weight;
                }
                previous = word;
            }
        }
        return counts;
    }

    /// <summary>The single words of the pairs, to look their rarity up.</summary>
    public static IReadOnlyList<string> WordsOf(IReadOnlyDictionary<string, double> pairs) =>
        [.. pairs.Keys.SelectMany(pair => pair.Split(' ')).Distinct(StringComparer.Ordinal)];

    /// <summary>Inverse document frequency of a word found in <paramref name="documents"/> of <paramref name="total"/> (never negative).</summary>
    public static double Rarity(long documents, long total) =>
        Math.Log(1 + ((total - documents + 0.5) / (documents + 0.5)));

    /// <summary>The <paramref name="max"/> heaviest pairs: count times the mean rarity of their two words; ties by term, so the pick is stable.</summary>
    public static IReadOnlyList<WeightedTerm> Pick(IReadOnlyDictionary<string, double> pairs, Func<string, double> rarity, int max) =>
        [.. pairs
            .Select(pair =>
            {
                var space = pair.Key.IndexOf(' ', StringComparison.Ordinal);
                var weight = pair.Value * (rarity(pair.Key[..space]) + rarity(pair.Key[(space + 1)..])) / 2;
                return new WeightedTerm(pair.Key, Math.Round(weight, 4));
            })
            .Where(term => term.Weight > 0)
            .OrderByDescending(term => term.Weight)
            .ThenBy(term => term.Term, StringComparer.Ordinal)
            .Take(max)];

    /// <summary>Which terms occur in any of the folded parts (as a phrase, word next to word, within one part).</summary>
    public static IReadOnlyList<string> FoundIn(IReadOnlyList<WeightedTerm> terms, IEnumerable<string> foldedParts)
    {
        var spaced = foldedParts.Select(part => " " + string.Join(' ', SearchText.Words(part)) + " ").ToList();
        return [.. terms.Select(term => term.Term).Where(term => spaced.Any(part => part.Contains(" " + term + " ", StringComparison.Ordinal)))];
    }

    /// <summary>Terms as the CLI prints them: "tin dung (3.2)".</summary>
    public static string Describe(IReadOnlyList<WeightedTerm> terms) =>
        string.Join(", ", terms.Select(term => term.Term + " (" + term.Weight.ToString("0.##", CultureInfo.InvariantCulture) + ")"));
}
