using System.Buffers;
using System.Numerics;

namespace Syndication.Storage.Stories;

/// <summary>
/// A set of entry ids between two bounds, as one bit each: what a poll's candidate lookup uses to take each id once. A
/// poll of templated items meets tens of thousands of (band, entry) pairs naming a few hundred entries, and a bit test
/// there costs a fraction of a hash set's probe.
/// </summary>
/// <remarks>The bits come from the shared pool and are handed back clean: only the words marked are cleared, so a set over
/// a large range of ids costs what is marked in it, not its size. Past <see cref="MaxBits"/> ids between the bounds (a
/// band naming an entry from years ago beside this week's) it is a hash set instead.</remarks>
internal sealed class IdMarks : IDisposable
{
    /// <summary>The widest range of ids held as bits: 512 KB of them.</summary>
    internal const long MaxBits = 1L << 22;

    private readonly long _low;
    private readonly ulong[] _bits;
    private readonly List<int> _marked = [];
    private readonly HashSet<long>? _wide;

    /// <summary>A set for ids from <paramref name="low"/> to <paramref name="high"/> inclusive.</summary>
    public IdMarks(long low, long high)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(high, low);
        _low = low;
        if (high - low >= MaxBits)
        {
            (_bits, _wide) = ([], []);
            return;
        }
        var words = (int)((high - low) >> 6) + 1;
        _bits = ArrayPool<ulong>.Shared.Rent(words);
        Array.Clear(_bits, 0, words);
    }

    /// <summary>A set over the ids of these lists, from the least to the greatest (over id 0 alone when they are empty).</summary>
    public static IdMarks Over(IEnumerable<long[]> lists)
    {
        var (low, high) = (long.MaxValue, long.MinValue);
        foreach (var list in lists)
        {
            foreach (var id in list)
            {
                low = Math.Min(low, id);
                high = Math.Max(high, id);
            }
        }
        return low > high ? new IdMarks(0, 0) : new IdMarks(low, high);
    }

    /// <summary>Marks the id; false when it was marked already.</summary>
    public bool Add(long id)
    {
        if (_wide is not null)
        {
            return _wide.Add(id);
        }
        var offset = id - _low;
        var word = (int)(offset >> 6);
        var bit = 1UL << (int)(offset & 63);
        var value = _bits[word];
        if ((value & bit) != 0)
        {
            return false;
        }
        if (value == 0)
        {
            _marked.Add(word);
        }
        _bits[word] = value | bit;
        return true;
    }

    /// <summary>The ids marked, in ascending order (a walk of the marked words' bits: no sort of the ids).</summary>
    public IEnumerable<long> Ascending()
    {
        if (_wide is not null)
        {
            foreach (var id in _wide.Order())
            {
                yield return id;
            }
            yield break;
        }
        _marked.Sort();
        foreach (var word in _marked)
        {
            var bits = _bits[word];
            while (bits != 0)
            {
                yield return _low + ((long)word << 6) + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
            }
        }
    }

    /// <summary>Unmarks every id.</summary>
    public void Clear()
    {
        _wide?.Clear();
        foreach (var word in _marked)
        {
            _bits[word] = 0;
        }
        _marked.Clear();
    }

    public void Dispose()
    {
        Clear();
        if (_wide is null)
        {
            ArrayPool<ulong>.Shared.Return(_bits);
        }
    }
}
