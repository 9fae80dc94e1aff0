using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Syndication.Core.Search;

namespace Syndication.Core.Ingestion.Stories;

/// <summary>
/// What tells whether two entries carry the same story: a MinHash of the 3-word shingles of their folded text, its LSH
/// bands for finding candidates, and the numbers (dates, figures) that set a story apart from the next one like it.
/// </summary>
/// <remarks>
/// The text is the title, summary and content as plain text, folded as search folds it (lower case, no marks, đ → d),
/// so a copy with its diacritics stripped has the same words. Hashes are computed from a fixed seed, so every process
/// and every engine stores and compares the same values.
/// </remarks>
public sealed record StorySignature(uint[] MinHashes, int ShingleCount, IReadOnlyList<string> KeyNumbers, IReadOnlyList<string> Numbers)
{
    /// <summary>Words per shingle.</summary>
    public const int ShingleWords = 3;

    /// <summary>Hash functions in the MinHash; <see cref="Bands"/> × <see cref="RowsPerBand"/>.</summary>
    public const int HashCount = Bands * RowsPerBand;

    /// <summary>LSH bands: two entries are candidates when any band's hashes all agree. 32 × 2 finds a pair of Jaccard
    /// 0.4 (<see cref="StoryMatching.Threshold"/>) with probability 0.996 and 0.3 with 0.95, while unrelated texts
    /// (Jaccard near 0.01) meet in a band with probability 0.003, so candidates stay few.</summary>
    public const int Bands = 32;

    public const int RowsPerBand = 2;

    /// <summary>Below this many shingles a text is too short to tell stories apart (a title alone): it gets no bands.</summary>
    public const int MinimumShingles = 8;

    /// <summary>At most this many numbers are kept (a bounded field).</summary>
    public const int MaximumNumbers = 64;

    private static readonly ulong[] Seeds = BuildSeeds();

    /// <summary>A bit for each key number (of 64, by the number's hash in this process): a number whose bit is not in
    /// another signature's <see cref="NumbersMask"/> is certainly not among its numbers. Computed from the constructor's
    /// lists (nothing makes a copy of a signature with other numbers).</summary>
    internal ulong KeyNumbersMask { get; } = MaskOf(KeyNumbers);

    /// <summary>A bit for each number, as <see cref="KeyNumbersMask"/>.</summary>
    internal ulong NumbersMask { get; } = MaskOf(Numbers);

    /// <summary>The signature of an entry's text; the summary and content may be HTML.</summary>
    public static StorySignature Of(string? title, string? summaryHtml, string? contentHtml)
    {
        var titleText = SearchText.Fold(SearchText.Plain(title));
        var summaryText = SearchText.FromHtml(summaryHtml);
        var contentText = SearchText.FromHtml(contentHtml);
        var shingles = new HashSet<ulong>();
        // Each field is shingled on its own: a shingle across the title's end and the summary's start is in no copy's text.
        foreach (var field in new[] { titleText, summaryText, contentText })
        {
            AddShingles(field, shingles);
        }
        var minHashes = MinHashesOf([.. shingles]);
        var lead = summaryText.Length > 0 ? summaryText : contentText;
        var keyNumbers = StoryNumbers.Of(titleText + " . " + StoryNumbers.FirstSentence(lead));
        var numbers = StoryNumbers.Of(string.Join(" . ", titleText, summaryText, contentText));
        return new StorySignature(minHashes, shingles.Count, Bounded(keyNumbers), Bounded(numbers));
    }

    /// <summary>Each hash function's least value over the shingles: the high half of SplitMix64(shingle ^ the function's seed).</summary>
    internal static uint[] MinHashesOf(ulong[] shingles) =>
        Vector256.IsHardwareAccelerated ? VectorMinHashes(shingles) : ScalarMinHashes(shingles);

    /// <summary><see cref="MinHashesOf"/> one hash function at a time: the reference the vectorised form must equal.</summary>
    internal static uint[] ScalarMinHashes(ulong[] shingles)
    {
        var minHashes = new uint[HashCount];
        for (var i = 0; i < HashCount; i++)
        {
            var seed = Seeds[i];
            var least = ulong.MaxValue;
            foreach (var shingle in shingles)
            {
                least = Math.Min(least, Mix(shingle ^ seed));
            }
            minHashes[i] = (uint)(least >> 32);
        }
        return minHashes;
    }

    /// <summary><see cref="MinHashesOf"/> sixteen hash functions at a time, four to a vector: the same values, ~3× faster
    /// than one at a time (the 64-bit products are the cost, and four independent chains keep the multiplier busy).</summary>
    internal static uint[] VectorMinHashes(ulong[] shingles)
    {
        var minHashes = new uint[HashCount];
        ReadOnlySpan<ulong> seeds = Seeds;
        for (var i = 0; i < HashCount; i += 16)
        {
            var seed0 = Vector256.Create(seeds.Slice(i, 4));
            var seed1 = Vector256.Create(seeds.Slice(i + 4, 4));
            var seed2 = Vector256.Create(seeds.Slice(i + 8, 4));
            var seed3 = Vector256.Create(seeds.Slice(i + 12, 4));
            var least0 = Vector256<ulong>.AllBitsSet;
            var (least1, least2, least3) = (least0, least0, least0);
            foreach (var shingle in shingles)
            {
                var value = Vector256.Create(shingle);
                least0 = Vector256.Min(least0, Mix(value ^ seed0));
                least1 = Vector256.Min(least1, Mix(value ^ seed1));
                least2 = Vector256.Min(least2, Mix(value ^ seed2));
                least3 = Vector256.Min(least3, Mix(value ^ seed3));
            }
            for (var lane = 0; lane < 4; lane++)
            {
                minHashes[i + lane] = (uint)(least0[lane] >> 32);
                minHashes[i + 4 + lane] = (uint)(least1[lane] >> 32);
                minHashes[i + 8 + lane] = (uint)(least2[lane] >> 32);
                minHashes[i + 12 + lane] = (uint)(least3[lane] >> 32);
            }
        }
        return minHashes;
    }

    /// <summary>Whether the text is long enough to be matched at all.</summary>
    public bool IsMatchable => ShingleCount >= MinimumShingles;

    /// <summary>The LSH band hashes (one per band), or none when the text is too short to match.</summary>
    public long[] BandHashes() => IsMatchable ? BandsOf(MinHashes) : [];

    /// <summary>The band hashes of a stored signature's MinHash bytes (as <see cref="HashBytes"/> writes them), whatever
    /// its length of text: what the store indexed for it, if anything; none when the bytes are not a signature.</summary>
    public static long[] StoredBands(byte[]? hashes) =>
        hashes is not null && hashes.Length == HashCount * sizeof(uint) ? BandsOf(ReadHashes(hashes)) : [];

    private static long[] BandsOf(uint[] minHashes)
    {
        var bands = new long[Bands];
        for (var band = 0; band < Bands; band++)
        {
            var hash = Mix((ulong)band + 0x5EED_0000UL);
            for (var row = 0; row < RowsPerBand; row++)
            {
                hash = Mix(hash ^ minHashes[(band * RowsPerBand) + row]);
            }
            bands[band] = (long)hash;
        }
        return bands;
    }

    /// <summary>The share of MinHash values two signatures agree on: an estimate of the Jaccard similarity of their shingles.</summary>
    public double EstimateJaccard(StorySignature other)
    {
        if (ShingleCount == 0 || other.ShingleCount == 0)
        {
            return 0;
        }
        var same = 0;
        for (var i = 0; i < HashCount; i++)
        {
            if (MinHashes[i] == other.MinHashes[i])
            {
                same++;
            }
        }
        return (double)same / HashCount;
    }

    /// <summary>The MinHash values as bytes (little-endian), as the store keeps them.</summary>
    public byte[] HashBytes()
    {
        var bytes = new byte[HashCount * sizeof(uint)];
        for (var i = 0; i < HashCount; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * sizeof(uint)), MinHashes[i]);
        }
        return bytes;
    }

    /// <summary>The numbers as the store keeps them: key numbers, a bar, the rest ("4/12 12,6|4/12 12,6 1.200").</summary>
    public string NumbersText() => string.Join(' ', KeyNumbers) + "|" + string.Join(' ', Numbers);

    /// <summary>A stored signature read back; null when what is stored is not one (an older or damaged row).</summary>
    public static StorySignature? FromStored(byte[]? hashes, int shingleCount, string? numbers)
    {
        if (hashes is null || hashes.Length != HashCount * sizeof(uint) || numbers is null || numbers.IndexOf('|', StringComparison.Ordinal) is var bar && bar < 0)
        {
            return null;
        }
        return new StorySignature(ReadHashes(hashes), shingleCount, Split(numbers[..bar]), Split(numbers[(bar + 1)..]));
    }

    private static uint[] ReadHashes(byte[] hashes)
    {
        var minHashes = new uint[HashCount];
        for (var i = 0; i < HashCount; i++)
        {
            minHashes[i] = BinaryPrimitives.ReadUInt32LittleEndian(hashes.AsSpan(i * sizeof(uint)));
        }
        return minHashes;
    }

    private static string[] Split(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string[] Bounded(IReadOnlyList<string> numbers) => [.. numbers.Take(MaximumNumbers)];

    private static ulong MaskOf(IReadOnlyList<string> numbers)
    {
        var mask = 0UL;
        foreach (var number in numbers)
        {
            mask |= 1UL << (StringComparer.Ordinal.GetHashCode(number) & 63);
        }
        return mask;
    }

    private static void AddShingles(string folded, HashSet<ulong> shingles)
    {
        var words = SearchText.Words(folded).ToList();
        if (words.Count == 0)
        {
            return;
        }
        if (words.Count < ShingleWords)
        {
            shingles.Add(HashWords(words, 0, words.Count));
            return;
        }
        for (var i = 0; i + ShingleWords <= words.Count; i++)
        {
            shingles.Add(HashWords(words, i, ShingleWords));
        }
    }

    // FNV-1a over the words' UTF-16 units with a separator: fixed, so it is the same in every process (string.GetHashCode is not).
    private static ulong HashWords(List<string> words, int start, int count)
    {
        var hash = 14695981039346656037UL;
        for (var w = start; w < start + count; w++)
        {
            foreach (var c in words[w])
            {
                hash = (hash ^ c) * 1099511628211UL;
            }
            hash = (hash ^ ' ') * 1099511628211UL;
        }
        return hash;
    }

    // SplitMix64's finaliser: a cheap, well-mixed bijection of 64 bits.
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Mix(Vector256<ulong> x)
    {
        x += Vector256.Create(0x9E3779B97F4A7C15UL);
        x = (x ^ (x >>> 30)) * Vector256.Create(0xBF58476D1CE4E5B9UL);
        x = (x ^ (x >>> 27)) * Vector256.Create(0x94D049BB133111EBUL);
        return x ^ (x >>> 31);
    }

    private static ulong[] BuildSeeds()
    {
        var seeds = new ulong[HashCount];
        var state = 0x53796E6469636174UL; // "Syndicat": fixed, so signatures are stable across processes and releases.
        for (var i = 0; i < HashCount; i++)
        {
            state = Mix(state);
            seeds[i] = state;
        }
        return seeds;
    }
}
