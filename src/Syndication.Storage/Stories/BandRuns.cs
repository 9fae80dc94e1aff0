using System.Buffers.Binary;
using System.Data.Common;
using System.Numerics;
using Dapper;

namespace Syndication.Storage.Stories;

/// <summary>
/// SQLite's folded band index (migration 62): each fold writes the bands of the entries after the fold mark as one
/// <em>run</em> — a row of <c>story_band_runs</c> holding their (band, entry) pairs sorted by band, the run's id range
/// and the dates of its entries — instead of inserting each pair into a b-tree. A lookup binary-searches the runs whose
/// dates reach the window, newest first, until a band has its newest entries; the runs are held in memory (at most
/// <see cref="MaxBytes"/>, least recently used dropped first).
/// </summary>
/// <remarks>
/// A first cycle of 1,000 feeds × 50 items inserted 1.6 million pairs into one b-tree, ~3.5 µs each in the poll's write
/// turn: 6–7 s folding and 2–3 s more committing, nearly all of what clustering cost. A run is one sequential write.
/// A run is true to the signatures its entries had when it was written; after that:
/// deletes rewrite the runs they touch (<see cref="StoryAssigner.ForgetDeletedAsync"/>), so a run never names an entry
/// that is gone; an entry edited after its fold keeps its old bands in its run (its new ones go into
/// <c>entry_story_bands</c>), which at worst makes it a candidate that is then weighed on its stored signature.
/// Every write of runs moves <c>story_band_fold.runs_version</c>, so a process sees another's folds before its next
/// lookup.
/// </remarks>
internal sealed class BandRuns
{
    /// <summary>Runs held in memory at most: 48 MB, about 5 million pairs (170,000 entries dated within the windows
    /// looked up). Past it the least recently used runs are read again when needed.</summary>
    internal const long MaxBytes = 48L << 20;

    private const int PairBytes = sizeof(long) + sizeof(int);

    private readonly Lock _lock = new();
    private readonly Dictionary<(long LastId, long Version), Run> _loaded = [];
    private RunInfo[] _runs = [];
    private long _version = -1;
    private long _bytes;
    private long _clock;

    /// <summary>A run as <c>story_band_runs</c> lists it: its entries' ids and dates, and the version it was written at.</summary>
    internal sealed record RunInfo(long LastId, long FirstId, DateTimeOffset From, DateTimeOffset To, long Version);

    /// <summary>For each band, the entries of the runs dated within [<paramref name="from"/>, <paramref name="to"/>] that
    /// have it: the newest <paramref name="perBand"/>, newest first (bands no run has are left out);
    /// <paramref name="runsVersion"/> as read in the same transaction, or null to read it. Called inside a write
    /// transaction, so by one caller at a time (SQLite has one writer); the lock only keeps what is held whole.</summary>
    public async Task<Dictionary<long, List<long>>> SharingAsync(
        DbConnection connection, DbTransaction? transaction, long? runsVersion, IReadOnlyCollection<long> bands, DateTimeOffset from, DateTimeOffset to, int perBand)
    {
        var found = new Dictionary<long, List<long>>();
        if (bands.Count == 0)
        {
            return found;
        }
        var version = runsVersion ?? await connection.ExecuteScalarAsync<long>("SELECT runs_version FROM story_band_fold", transaction: transaction);
        RunInfo[] runs;
        lock (_lock)
        {
            runs = version == _version ? _runs : [];
        }
        if (version != _version)
        {
            runs = await ListAsync(connection, transaction, version);
        }
        // Newest run first (runs cover ranges of ids one after another): a band stops being looked up once it has its
        // perBand newest entries, so a band thousands of templated entries share costs one run, not all of them.
        var wanted = bands.ToArray();
        var missing = new int[wanted.Length];
        Array.Fill(missing, perBand);
        var left = wanted.Length;
        foreach (var info in runs)
        {
            if (info.To < from || info.From > to)
            {
                continue;
            }
            var run = await LoadAsync(connection, transaction, info);
            for (var i = 0; i < wanted.Length; i++)
            {
                if (missing[i] > 0 && run.Sharing(wanted[i], missing[i], found) is var added && added > 0)
                {
                    missing[i] -= added;
                    if (missing[i] == 0)
                    {
                        left--;
                    }
                }
            }
            if (left == 0)
            {
                break;
            }
        }
        lock (_lock)
        {
            Evict();
        }
        return found;
    }

    // The list of runs again after their version moved, newest first; runs held that are still listed at the same
    // version stay.
    private async Task<RunInfo[]> ListAsync(DbConnection connection, DbTransaction? transaction, long version)
    {
        RunInfo[] runs = [.. (await connection.QueryAsync<(long LastId, long FirstId, string From, string To, long Version)>(
                "SELECT last_id, first_id, min_sort, max_sort, version FROM story_band_runs", transaction: transaction))
            // Dates that do not read back (a damaged row) make the run one every window reaches: a lookup too many,
            // never a candidate lost or a poll failed.
            .Select(row => new RunInfo(row.LastId, row.FirstId, Timestamps.TryFromText(row.From) ?? DateTimeOffset.MinValue,
                Timestamps.TryFromText(row.To) ?? DateTimeOffset.MaxValue, row.Version))
            .OrderByDescending(info => info.LastId)];
        var listed = runs.Select(info => (info.LastId, info.Version)).ToHashSet();
        lock (_lock)
        {
            foreach (var key in _loaded.Keys.Where(key => !listed.Contains(key)).ToList())
            {
                _bytes -= _loaded[key].Bytes;
                _loaded.Remove(key);
            }
            (_runs, _version) = (runs, version);
        }
        return runs;
    }

    private async Task<Run> LoadAsync(DbConnection connection, DbTransaction? transaction, RunInfo info)
    {
        Run? run;
        lock (_lock)
        {
            if (_loaded.TryGetValue((info.LastId, info.Version), out run))
            {
                run.Used = ++_clock;
                return run;
            }
        }
        var packed = await connection.ExecuteScalarAsync<byte[]?>(
            "SELECT bands FROM story_band_runs WHERE last_id = @LastId", new { info.LastId }, transaction);
        run = Unpack(packed, info.FirstId);
        lock (_lock)
        {
            run.Used = ++_clock;
            if (_loaded.TryAdd((info.LastId, info.Version), run))
            {
                _bytes += run.Bytes;
            }
        }
        return run;
    }

    // Under the lock. The least recently used first, down to the bound (a lookup wider than the bound reads some runs
    // again next time).
    private void Evict()
    {
        while (_bytes > MaxBytes && _loaded.Count > 0)
        {
            var oldest = _loaded.MinBy(pair => pair.Value.Used);
            _bytes -= oldest.Value.Bytes;
            _loaded.Remove(oldest.Key);
        }
    }

    /// <summary>The entries' (band, entry) pairs, sorted by band and then entry, packed as a run: the count, the bands
    /// (64-bit, little-endian), then each entry's distance from <paramref name="firstId"/> (32-bit).</summary>
    internal static byte[] Pack(IEnumerable<(long Id, long[] Bands)> entries, long firstId)
    {
        var list = entries as IReadOnlyCollection<(long Id, long[] Bands)> ?? [.. entries];
        var bands = new long[list.Sum(entry => entry.Bands.Length)];
        var offsets = new int[bands.Length];
        var at = 0;
        foreach (var (id, entryBands) in list)
        {
            var offset = checked((int)(id - firstId));
            entryBands.CopyTo(bands, at);
            offsets.AsSpan(at, entryBands.Length).Fill(offset);
            at += entryBands.Length;
        }
        // Sorted by band with the offsets beside (a sort of primitive keys, several times faster than of pairs), then
        // each band's few entries in entry order.
        Array.Sort(bands, offsets);
        for (var start = 0; start < bands.Length;)
        {
            var end = start + 1;
            while (end < bands.Length && bands[end] == bands[start])
            {
                end++;
            }
            if (end - start > 1)
            {
                Array.Sort(offsets, start, end - start);
            }
            start = end;
        }
        var packed = new byte[sizeof(int) + (bands.Length * PairBytes)];
        BinaryPrimitives.WriteInt32LittleEndian(packed, bands.Length);
        var offsetsAt = sizeof(int) + (bands.Length * sizeof(long));
        for (var i = 0; i < bands.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(packed.AsSpan(sizeof(int) + (i * sizeof(long))), bands[i]);
            BinaryPrimitives.WriteInt32LittleEndian(packed.AsSpan(offsetsAt + (i * sizeof(int))), offsets[i]);
        }
        return packed;
    }

    /// <summary>A packed run read back for lookups; an empty run when the bytes are not one (a damaged row costs its
    /// candidates, not the poll).</summary>
    internal static Run Unpack(byte[]? packed, long firstId)
    {
        if (CountOf(packed) is not { } count)
        {
            return new Run([], [], firstId);
        }
        var keys = new int[count];
        var offsets = new int[count];
        var at = sizeof(int) + (count * sizeof(long));
        for (var i = 0; i < count; i++)
        {
            keys[i] = (int)(BinaryPrimitives.ReadInt64LittleEndian(packed.AsSpan(sizeof(int) + (i * sizeof(long)))) >> 32);
            offsets[i] = BinaryPrimitives.ReadInt32LittleEndian(packed.AsSpan(at + (i * sizeof(int))));
        }
        return new Run(keys, offsets, firstId);
    }

    /// <summary>The (band, entry) pairs of a packed run, exactly, in band order; none when the bytes are not a run.</summary>
    internal static IEnumerable<(long Band, long EntryId)> PairsOf(byte[]? packed, long firstId)
    {
        var count = CountOf(packed) ?? 0;
        var at = sizeof(int) + (count * sizeof(long));
        for (var i = 0; i < count; i++)
        {
            yield return (BinaryPrimitives.ReadInt64LittleEndian(packed.AsSpan(sizeof(int) + (i * sizeof(long)))),
                firstId + BinaryPrimitives.ReadInt32LittleEndian(packed.AsSpan(at + (i * sizeof(int)))));
        }
    }

    // The pairs a packed run holds, or null when the bytes are not a run.
    private static int? CountOf(byte[]? packed) =>
        packed is null || packed.Length < sizeof(int)
            || BinaryPrimitives.ReadInt32LittleEndian(packed) is var count && (count < 0 || packed.Length != sizeof(int) + ((long)count * PairBytes))
            ? null
            : BinaryPrimitives.ReadInt32LittleEndian(packed);

    /// <summary>One run in memory: the high half of each band (pairs sorted by band are sorted by it too), each pair's
    /// entry beside it, a directory of where each part of the range starts, about four pairs a part (a lookup costs
    /// two cache misses), and a filter of its keys (a byte a pair) that answers most lookups of a band it lacks in one.
    /// Eight bytes a pair for the pairs, not twelve: bands that share their high half (about one lookup in 65,000 per run
    /// of 2,048 entries) answer for each other, which adds a candidate weighed on its signature, never loses one.</summary>
    internal sealed class Run
    {
        private readonly int[] _keys;
        private readonly int[] _offsets;
        private readonly long _firstId;
        private readonly int _directoryBits;
        private readonly int[] _directory;
        private readonly ulong[] _filter;

        public Run(int[] keys, int[] offsets, long firstId)
        {
            (_keys, _offsets, _firstId) = (keys, offsets, firstId);
            // About eight pairs a word (3–4 % false "may"), at most 2^14 words, so the word's index and the three probes
            // take apart bits of the key.
            _filter = new ulong[Math.Clamp((int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(keys.Length / 8, 1)), 1, 1 << 14)];
            foreach (var key in keys)
            {
                _filter[FilterWord(key)] |= Probes(key);
            }
            _directoryBits = Math.Clamp(64 - BitOperations.LeadingZeroCount((ulong)Math.Max(keys.Length / 4, 1)), 1, 20);
            _directory = new int[(1 << _directoryBits) + 1];
            var at = 0;
            for (var slot = 0; slot < _directory.Length - 1; slot++)
            {
                while (at < keys.Length && Slot(keys[at]) < slot)
                {
                    at++;
                }
                _directory[slot] = at;
            }
            _directory[^1] = keys.Length;
        }

        public long Used { get; set; }

        public long Bytes => ((long)_keys.Length * (sizeof(int) + sizeof(int))) + (_directory.Length * sizeof(int)) + (_filter.Length * sizeof(ulong));

        /// <summary>Adds the newest <paramref name="perBand"/> entries of the run that have the band to its list in
        /// <paramref name="found"/>, newest first (its pairs are in entry order within a band, so they are the last
        /// ones); returns how many.</summary>
        public int Sharing(long band, int perBand, Dictionary<long, List<long>> found)
        {
            // The first pair past the band's key, searched for within its part of the range.
            var key = (int)(band >> 32);
            var probes = Probes(key);
            if ((_filter[FilterWord(key)] & probes) != probes)
            {
                // Not in this run, for certain: a band of another run costs this one word (a run held is ~600 KB, a
                // lookup through its directory and keys two cache misses; its filter is a tenth of that).
                return 0;
            }
            var slot = Slot(key);
            int low = _directory[slot], high = _directory[slot + 1];
            while (low < high)
            {
                var middle = (int)((uint)(low + high) >> 1);
                if (_keys[middle] <= key)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }
            if (low == 0 || _keys[low - 1] != key)
            {
                return 0;
            }
            if (!found.TryGetValue(band, out var ids))
            {
                found[band] = ids = [];
            }
            var added = 0;
            for (var i = low - 1; i >= 0 && added < perBand && _keys[i] == key; i--, added++)
            {
                ids.Add(_firstId + _offsets[i]);
            }
            return added;
        }

        private int FilterWord(int key) => key & (_filter.Length - 1);

        private static ulong Probes(int key) =>
            (1UL << ((key >> 14) & 63)) | (1UL << ((key >> 20) & 63)) | (1UL << ((key >> 26) & 63));

        // The key's top bits, in the order of signed keys (the sign bit flipped).
        private int Slot(int key) => (int)(((uint)key ^ 0x8000_0000u) >> (32 - _directoryBits));
    }
}
