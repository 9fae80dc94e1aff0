namespace Syndication.Core.Search;

/// <summary>
/// BM25 relevance of a document of weighted parts (title, lead or summary, body) for a set of phrases, computed the
/// way SQLite's FTS5 bm25() computes it (k1 = 1.2, b = 0.75; a phrase's frequency is its hits in each part times the
/// part's weight; the length is every part's words; IDF of at least 1e-6), so relevance and its threshold mean the
/// same on every engine.
/// </summary>
public static class Bm25
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    /// <summary>How informative a phrase found in <paramref name="hits"/> of <paramref name="rows"/> documents is.</summary>
    public static double Idf(long rows, long hits)
    {
        var idf = Math.Log((rows - hits + 0.5) / (hits + 0.5));
        return idf <= 0 ? 1e-6 : idf;
    }

    /// <summary>
    /// The score (higher is better) of a document whose parts are <paramref name="parts"/> (words, in order) weighted by
    /// <paramref name="weights"/>, for phrases with their <paramref name="idfs"/>, in a collection whose documents have
    /// <paramref name="averageLength"/> words on average.
    /// </summary>
    public static double Score(
        IReadOnlyList<IReadOnlyList<string>> parts, IReadOnlyList<double> weights,
        IReadOnlyList<IReadOnlyList<string>> phrases, IReadOnlyList<double> idfs, double averageLength)
    {
        var length = parts.Sum(part => part.Count);
        var score = 0.0;
        for (var p = 0; p < phrases.Count; p++)
        {
            var frequency = 0.0;
            for (var c = 0; c < parts.Count; c++)
            {
                frequency += weights[c] * CountPhrase(parts[c], phrases[p]);
            }
            score += idfs[p] * (frequency * (K1 + 1)) / (frequency + (K1 * (1 - B + (B * length / averageLength))));
        }
        return score;
    }

    /// <summary>How many times the phrase's words follow each other in <paramref name="words"/> (overlaps count).</summary>
    public static int CountPhrase(IReadOnlyList<string> words, IReadOnlyList<string> phrase)
    {
        var count = 0;
        for (var i = 0; i + phrase.Count <= words.Count; i++)
        {
            var j = 0;
            while (j < phrase.Count && string.Equals(words[i + j], phrase[j], StringComparison.Ordinal))
            {
                j++;
            }
            count += j == phrase.Count ? 1 : 0;
        }
        return count;
    }
}
