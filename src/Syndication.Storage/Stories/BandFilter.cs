namespace Syndication.Storage.Stories;

/// <summary>
/// A Bloom filter of LSH bands: "no stored entry has this band" for certain, or "some may". Most of a news entry's
/// bands are its own, so most lookups end here instead of in the band index.
/// </summary>
/// <remarks>Three probes per band, 16 bits per band it was sized for: about 0.5 % false "may" while it holds what it
/// was sized for. The bands are already well-mixed 64-bit hashes, so the probes are taken from their two halves.</remarks>
internal sealed class BandFilter
{
    private const int Probes = 3;
    private const int BitsPerBand = 16;

    /// <summary>The most bits a filter takes: 8 MB, enough for 4 million bands (125,000 entries) at the rate above; twice
    /// that many still leave about 3 % false "may".</summary>
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

    public void Add(long band)
    {
        var (first, step) = Halves(band);
        for (var probe = 0UL; probe < Probes; probe++)
        {
            var bit = (first + (probe * step)) & _mask;
            _words[bit >> 6] |= 1UL << (int)(bit & 63);
        }
        Count++;
    }

    /// <summary>False when no band added is this one; true when it may be.</summary>
    public bool MayContain(long band)
    {
        var (first, step) = Halves(band);
        for (var probe = 0UL; probe < Probes; probe++)
        {
            var bit = (first + (probe * step)) & _mask;
            if ((_words[bit >> 6] & (1UL << (int)(bit & 63))) == 0)
            {
                return false;
            }
        }
        return true;
    }

    // An odd step, so the probes never fall on one bit.
    private static (ulong First, ulong Step) Halves(long band) => ((uint)band, ((ulong)band >> 32) | 1);
}
