namespace Syndication.Storage.Stories;

/// <summary>
/// A Bloom filter of LSH bands: "no stored entry has this band" for certain, or "some may". Most of a news entry's
/// bands are its own, so most lookups end here instead of in the band index.
/// </summary>
/// <remarks>Three probes per band, in one word, 16 bits per band it was sized for: under 1 % false "may" while it holds
/// what it was sized for (0.8 %; three probes over the whole filter gave 0.5 % for three cache misses). The bands are
/// already well-mixed 64-bit hashes, so the word and the probes are taken from their two halves.</remarks>
internal sealed class BandFilter
{
    private const int BitsPerBand = 16;

    /// <summary>The most bits a filter takes: 8 MB, enough for 4 million bands (125,000 entries) at the rate above; twice
    /// that many still leave about 4 % false "may".</summary>
    internal const long MaxBits = 1L << 26;

    private const long MinBits = 1L << 24;

    private readonly ulong[] _words;
    private readonly ulong _mask;

    /// <summary>A filter sized for about <paramref name="bands"/> bands (between 2 and 8 MB).</summary>
    public BandFilter(long bands)
    {
        var bits = MinBits;
        while (bits < bands * BitsPerBand && bits < MaxBits)
        {
            bits <<= 1;
        }
        _words = new ulong[bits / 64];
        _mask = (ulong)bits - 1;
        Capacity = bits / BitsPerBand;
    }

    /// <summary>Bands it holds at its rate; past that it still answers truly, with more false "may".</summary>
    public long Capacity { get; }

    /// <summary>Bands added (with repeats).</summary>
    public long Count { get; private set; }

    /// <summary>Whether more bands were added than it was sized for, and a larger one would do better.</summary>
    public bool Outgrown => Count > Capacity && (long)_mask + 1 < MaxBits;

    /// <summary>Adds the band; true when it was not in the filter before (no band added was this one, for certain).</summary>
    public bool Add(long band)
    {
        var (word, bits) = Probe(band);
        var before = _words[word];
        _words[word] = before | bits;
        Count++;
        return (before & bits) != bits;
    }

    /// <summary>False when no band added is this one; true when it may be.</summary>
    public bool MayContain(long band)
    {
        var (word, bits) = Probe(band);
        return (_words[word] & bits) == bits;
    }

    // The three probes fall in one 64-bit word, chosen by the band's low half, at bits its high half gives: one cache
    // miss per band, not three (a poll adds or asks about 1,600 bands).
    private (long Word, ulong Bits) Probe(long band)
    {
        var high = (ulong)band >> 32;
        var bits = (1UL << (int)(high & 63)) | (1UL << (int)((high >> 6) & 63)) | (1UL << (int)((high >> 12) & 63));
        return ((long)(((uint)band & _mask) >> 6), bits);
    }
}
