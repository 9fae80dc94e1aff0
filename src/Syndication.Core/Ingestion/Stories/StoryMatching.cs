namespace Syndication.Core.Ingestion.Stories;

/// <summary>Whether a candidate joins an entry's story: similar text, close in time, and no number that sets them apart.</summary>
/// <remarks>
/// Templated stories ("Giá cà phê hôm nay 5/12 …" and "… 6/12 …") share most of their words, so similarity alone
/// would merge them. What tells them apart is in the title or the first sentence: a date or a figure. Two entries
/// conflict when each has such a key number that appears nowhere in the other; a copy that adds a dated sentence of
/// its own still matches, because the other's key numbers are all in it.
/// </remarks>
public static class StoryMatching
{
    /// <summary>The estimated Jaccard similarity of shingles from which two texts are one story. A copy that drops one
    /// paragraph of three is near 0.5 to the full text; unrelated stories share almost no 3-word shingles (below 0.1),
    /// and templated ones that share more are told apart by their numbers.</summary>
    public const double Threshold = 0.4;

    /// <summary>How far apart two copies of one story may be published.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(48);

    /// <summary>The similarity of a candidate to an entry when it may join the entry's story; null when it may not.</summary>
    public static double? Similarity(StorySignature entry, DateTimeOffset entryTime, StorySignature candidate, DateTimeOffset candidateTime)
    {
        if (!entry.IsMatchable || !candidate.IsMatchable || (entryTime - candidateTime).Duration() > Window || Conflicting(entry, candidate))
        {
            return null;
        }
        // The numbers first: a templated series (the same text, another date) is most of what shares bands, and its
        // numbers tell it apart with a look at a few strings rather than all the hashes.
        var similarity = entry.EstimateJaccard(candidate);
        return similarity >= Threshold ? similarity : null;
    }

    /// <summary>The candidate whose story the entry joins: the most similar that may join (ties to the earliest stored,
    /// so the choice does not depend on the order the store returns them); null when none may, and it starts its own.
    /// With <paramref name="inIdOrder"/> (the candidates come earliest stored first) the first one whose hashes all agree
    /// is the answer, and the rest are not weighed: the copies of a templated item are hundreds of identical candidates.</summary>
    public static StoryCandidate? Best(StorySignature entry, DateTimeOffset entryTime, IEnumerable<StoryCandidate> candidates, bool inIdOrder = false)
    {
        StoryCandidate? best = null;
        var bestSimilarity = 0.0;
        foreach (var candidate in candidates)
        {
            if (Similarity(entry, entryTime, candidate.Signature, candidate.Time) is not { } similarity)
            {
                continue;
            }
            if (inIdOrder && similarity >= 1.0)
            {
                return candidate;
            }
            if (best is null || similarity > bestSimilarity || (similarity == bestSimilarity && candidate.EntryId < best.EntryId))
            {
                best = candidate;
                bestSimilarity = similarity;
            }
        }
        return best;
    }

    /// <summary>Whether each has a key number (title or first sentence) that the other's text lacks.</summary>
    public static bool Conflicting(StorySignature a, StorySignature b) =>
        HasKeyNumberMissingFrom(a, b) && HasKeyNumberMissingFrom(b, a);

    private static bool HasKeyNumberMissingFrom(StorySignature of, StorySignature other)
    {
        if ((of.KeyNumbersMask & ~other.NumbersMask) != 0)
        {
            // A key number whose bit the other's numbers lack: certainly missing (a templated series' dates and counts
            // differ in hundreds of candidates, and this spares comparing their strings).
            return true;
        }
        foreach (var number in of.KeyNumbers)
        {
            if (!Contains(other.Numbers, number))
            {
                return true;
            }
        }
        return false;
    }

    private static bool Contains(IReadOnlyList<string> numbers, string number)
    {
        for (var i = 0; i < numbers.Count; i++)
        {
            if (string.Equals(numbers[i], number, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
