using System.Data.Common;
using Dapper;
using Syndication.Core.Ingestion.Stories;

namespace Syndication.Storage.Stories;

/// <summary>
/// What this process knows of a SQLite file's story index, so placing a poll's entries reads the file only for what it
/// has not seen: each band looked up or written here with its newest entries, and the signatures of entries stored or
/// read here. Filled as polls look up and write, and kept true by writing through it after each commit.
/// </summary>
/// <remarks>
/// A first cycle of templated feeds asks for the same few thousand bands tens of thousands of times, each with its
/// <see cref="StoryAssigner.PerBand"/> entries, and reads the same few hundred signatures again for every entry: in
/// memory those are dictionary hits. Another process that stores entries in the file (a <c>syndication poll</c> beside
/// the service) moves the entries' highest id, which each poll reads first: then all of this is forgotten. Deletes in this
/// process (retention, a rule applied, a rebuild) forget it too. An entry a poll would join on what is remembered here is
/// first checked against the file — still stored, in the same story, with the same signature (<see cref="StoryAssigner"/>)
/// — so a delete or a rewrite by another process costs that poll its shortcut, never a wrong story; what it can cost is
/// a missed candidate (a rewritten entry's new bands), until the other process next stores an entry. A Bloom filter of
/// every stored band (<see cref="BandFilter"/>) answers for the bands nobody remembers: most of a news entry's bands are
/// its own, and a band no entry has needs no read. It is built from the file by the process's first poll, takes the
/// bands of entries another process stored (those after the highest id it covers) at each poll, and only ever has too
/// many bands after deletes (a false "may" costs a read). A rebuild here makes it start again; one run by another
/// process rewrites bands under ids it already covers, so the service is restarted after it (README). Bounded: past
/// <see cref="MaxBands"/> bands or <see cref="MaxEntries"/> signatures a part starts again empty. Polls use it one at a
/// time (the write turn); a lock guards it from the deleters, which do not take the turn.
/// The bands of the entries after SQLite's fold mark, which the file keeps only in their signatures, are held here too
/// (<see cref="UnfoldedBands"/>): read from the signatures when the mark moved or another process stored entries, and
/// otherwise only added to by this process's commits.
/// </remarks>
internal sealed class StoryCache
{
    /// <summary>Bands kept at most (each a dictionary slot and up to <see cref="StoryAssigner.PerBand"/> ids): about 5 MB.</summary>
    internal const int MaxBands = 65_536;

    /// <summary>Signatures kept at most (each about 400 bytes): about 3 MB.</summary>
    internal const int MaxEntries = 8_192;

    private readonly Lock _lock = new();
    private readonly Dictionary<long, long[]> _bands = [];
    private readonly Dictionary<long, Entry> _entries = [];
    private long _generation;
    private long _highestId = -1;
    private BandFilter? _filter;
    private long _filterHighestId;
    private long _filterResets;
    private UnfoldedBands? _unfolded;

    /// <summary>Past this capacity a poll's table of candidates or marks of ids read is not kept for the next poll.</summary>
    private const int KeptCapacity = 1 << 18;

    // A poll's table of candidates and its marks of ids read, handed on to the next poll: the polls of a crawl each meet
    // thousands of candidates, and new tables each time were most of what a crawl put on the large-object heap (a
    // trace of CRAWL=1000 serve.sh: ~240 MB of ~390 MB). One of each is kept; polls of one SQLite file take turns.
    private Dictionary<long, StoryCandidate>? _spareCandidates;
    private HashSet<long>? _spareRead;

    private static T Take<T>(ref T? spare)
        where T : class, new() => Interlocked.Exchange(ref spare, null) ?? new T();

    private void Keep(Dictionary<long, StoryCandidate> candidates)
    {
        if (candidates.EnsureCapacity(0) <= KeptCapacity)
        {
            candidates.Clear();
            Volatile.Write(ref _spareCandidates, candidates);
        }
    }

    private void Keep(HashSet<long> read)
    {
        if (read.EnsureCapacity(0) <= KeptCapacity)
        {
            read.Clear();
            Volatile.Write(ref _spareRead, read);
        }
    }

    /// <summary>Forgets the bands and signatures remembered, as after a delete (the filter of bands stays true: a band
    /// of a deleted entry is only a false "may").</summary>
    public void Clear()
    {
        lock (_lock)
        {
            ForgetRemembered(-1);
        }
    }

    // Under the lock: what a poll begun before now may still use is no longer trusted (its generation is past).
    private void ForgetRemembered(long highestId)
    {
        _bands.Clear();
        _entries.Clear();
        _unfolded = null;
        _highestId = highestId;
        _generation++;
    }

    /// <summary>Forgets everything, the filter of bands too, as after the bands were rewritten (a rebuild).</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _filter = null;
            _filterResets++;
        }
        Clear();
    }

    /// <summary>Begins one poll's use of the cache, inside its write transaction: forgets what another writer may have
    /// changed (the entries' highest id moved) and adds the bands of entries stored since to the filter — built first
    /// from every stored band when there is none (the first poll of the process, or one outgrown).</summary>
    public async Task<Use> BeginAsync(DbConnection connection, DbTransaction transaction)
    {
        var highest = await connection.ExecuteScalarAsync<long>("SELECT coalesce(max(id), 0) FROM entries", transaction: transaction);
        BandFilter? filter;
        long covered, resets;
        lock (_lock)
        {
            (filter, covered, resets) = (_filter, _filterHighestId, _filterResets);
        }
        if (filter is null || filter.Outgrown)
        {
            // About 32 bands per entry, the ids about the count of entries.
            filter = new BandFilter(Math.Max(highest, 1) * StorySignature.Bands * 2);
            covered = 0;
            await AddStoredBandsAsync(connection, transaction, filter, null);
        }
        else if (highest > covered)
        {
            await AddStoredBandsAsync(connection, transaction, filter, covered);
        }
        // The fold mark, the runs' version and whether the index holds any band (after a fold into runs it holds only the
        // bands of entries changed after their fold): one read.
        var (mark, runsVersion, indexed) = await connection.QuerySingleAsync<(long, long, bool)>(
            "SELECT folded_id, runs_version, EXISTS (SELECT 1 FROM entry_story_bands) FROM story_band_fold", transaction: transaction);
        var unfolded = await UnfoldedSinceAsync(connection, transaction, highest, mark);
        lock (_lock)
        {
            if (resets != _filterResets)
            {
                // A rebuild rewrote the bands while this one was read: no filter for this poll, a new one for the next.
                filter = null;
            }
            else
            {
                if (filter != _filter)
                {
                    // A band remembered is one the filter said may be stored (which lets a commit pass over the bands new
                    // to it): a new filter starts with none remembered.
                    _bands.Clear();
                }
                _filter = filter;
                _filterHighestId = Math.Max(covered, highest);
            }
            if (highest != _highestId)
            {
                ForgetRemembered(highest);
            }
            _unfolded = unfolded;
            return new Use(this, _generation, filter, unfolded, runsVersion, indexed);
        }
    }

    /// <summary>The bands of the entries after the fold mark: those remembered, or all read again from their signatures
    /// when the mark moved (a fold), another process stored entries, or anything was forgotten.</summary>
    private async Task<UnfoldedBands> UnfoldedSinceAsync(DbConnection connection, DbTransaction transaction, long highest, long mark)
    {
        UnfoldedBands? known;
        lock (_lock)
        {
            // Kept only while no other process stored entries (it may have changed one of them).
            known = _highestId == highest ? _unfolded : null;
        }
        var unfolded = known is not null && known.Mark == mark ? known : new UnfoldedBands(mark);
        if (highest > unfolded.Seen)
        {
            foreach (var (id, bands, sort) in await StoryAssigner.UnfoldedAsync(connection, transaction, after: unfolded.Seen))
            {
                unfolded.Add(id, bands, sort);
            }
            unfolded.Seen = highest;
        }
        return unfolded;
    }

    /// <summary>The entries after SQLite's fold mark by band, their bands kept only in their signatures in the file
    /// (at most about <see cref="StoryAssigner.FoldEntries"/> entries: a few MB).</summary>
    internal sealed class UnfoldedBands(long mark)
    {
        // Most bands are one entry's own: the first entry of a band is a slot of its own, the rest a list.
        private readonly Dictionary<long, long> _first = new(StoryAssigner.FoldEntries * StorySignature.Bands);
        private readonly Dictionary<long, List<long>> _more = [];

        private readonly List<(long Id, long[] Bands, string Sort)> _entries = [];

        public long Mark { get; } = mark;

        /// <summary>The highest entry id whose bands are here.</summary>
        public long Seen { get; set; } = mark;

        /// <summary>The entries held, with their bands and dates (what a fold writes).</summary>
        public IReadOnlyList<(long Id, long[] Bands, string Sort)> Entries => _entries;

        public void Add(long id, long[] bands, string sort)
        {
            if (bands.Length > 0)
            {
                _entries.Add((id, bands, sort));
            }
            foreach (var band in bands)
            {
                if (!_first.TryAdd(band, id))
                {
                    if (!_more.TryGetValue(band, out var ids))
                    {
                        _more[band] = ids = [];
                    }
                    ids.Add(id);
                }
            }
            Seen = Math.Max(Seen, id);
        }

        public IEnumerable<(long Band, long EntryId)> Sharing(long[] bands)
        {
            foreach (var band in bands)
            {
                if (_first.TryGetValue(band, out var first))
                {
                    yield return (band, first);
                    foreach (var id in _more.TryGetValue(band, out var more) ? more : [])
                    {
                        yield return (band, id);
                    }
                }
            }
        }
    }

    /// <summary>Adds the stored bands to the filter: all (the index, the folded runs and the entries after the fold mark),
    /// or those of the entries after an id, computed from their signatures (the index has no entry order).</summary>
    private static async Task AddStoredBandsAsync(DbConnection connection, DbTransaction transaction, BandFilter filter, long? after)
    {
        if (after is null)
        {
            // Streamed: the whole index is millions of rows, and a list of them would be tens of MB at the peak.
            var bands = connection.QueryUnbufferedAsync<long>("SELECT band FROM entry_story_bands", transaction: transaction);
            await foreach (var band in bands)
            {
                filter.Add(band);
            }
            // The folded runs, one at a time (each a few MB unpacked, dropped after).
            var runs = connection.QueryUnbufferedAsync<(long FirstId, byte[] Bands)>("SELECT first_id, bands FROM story_band_runs", transaction: transaction);
            await foreach (var (firstId, packed) in runs)
            {
                foreach (var (band, _) in BandRuns.PairsOf(packed, firstId))
                {
                    filter.Add(band);
                }
            }
            foreach (var (_, unfolded, _) in await StoryAssigner.UnfoldedAsync(connection, transaction))
            {
                foreach (var band in unfolded)
                {
                    filter.Add(band);
                }
            }
            return;
        }
        var signatures = connection.QueryUnbufferedAsync<byte[]>(
            "SELECT story_hashes FROM entries WHERE id > @After AND story_hashes IS NOT NULL AND story_shingles >= @Minimum",
            new { After = after, Minimum = StorySignature.MinimumShingles }, transaction);
        await foreach (var hashes in signatures)
        {
            foreach (var band in StorySignature.StoredBands(hashes))
            {
                filter.Add(band);
            }
        }
    }

    /// <summary>A stored entry's signature, story and bands as this process last wrote or read them.</summary>
    /// <remarks>A value in the dictionary's own slots, its source beside the candidate: looking up a poll's thousands of
    /// candidate ids then touches the candidate only for those of other sources.</remarks>
    private readonly record struct Entry(StoryCandidate Candidate, long SourceId, long[]? Bands);

    /// <summary>One poll's reads and writes; its writes reach the cache only when <see cref="Committed"/> is called.</summary>
    internal sealed class Use(StoryCache cache, long generation, BandFilter? filter, UnfoldedBands unfolded, long runsVersion, bool indexed)
    {
        /// <summary>The fold mark as the poll began: every entry after it is newer than any folded run's.</summary>
        public long FoldMark => unfolded.Mark;

        /// <summary>The version of the folded runs as the poll began (<see cref="BandRuns"/>).</summary>
        public long RunsVersion => runsVersion;

        /// <summary>Whether the band index held any band as the poll began: when not, only the unfolded entries are
        /// looked up (a poll writes bands into the index only for entries changed after their fold, and then the
        /// filter has them too).</summary>
        public bool Indexed => indexed;

        private readonly List<(long Id, long SourceId, StoryPlacement Placement, long StoryId, DateTimeOffset Time, bool Changed)> _written = [];

        /// <summary>Whether some stored entry may have the band (no filter: any may).</summary>
        public bool MayBeStored(long band) => filter is null || filter.MayContain(band);

        /// <summary>
        /// The signed entries after the fold mark as this poll leaves them — those held since it began (unless it rewrote
        /// them) and those it wrote — or null when what is held is not after <paramref name="mark"/>. What is held covers
        /// every entry up to the highest id when the poll began (read again then whenever it might not).
        /// </summary>
        public IReadOnlyCollection<(long Id, long[] Bands, string Sort)>? UnfoldedEntries(long mark)
        {
            if (unfolded.Mark != mark)
            {
                return null;
            }
            var written = _written.Where(entry => entry.Id > mark).ToDictionary(entry => entry.Id);
            var entries = unfolded.Entries.Where(entry => !written.ContainsKey(entry.Id)).ToList();
            entries.AddRange(written.Values.Where(entry => entry.Placement.Bands.Length > 0)
                .Select(entry => (entry.Id, entry.Placement.Bands, Timestamps.ToText(entry.Time))));
            return entries;
        }

        /// <summary>The entries after the fold mark sharing these bands.</summary>
        public IEnumerable<(long Band, long EntryId)> Unfolded(long[] bands) => unfolded.Sharing(bands);

        private readonly HashSet<long> _read = Take(ref cache._spareRead);

        /// <summary>Whether a candidate came from memory, not the file: an entry joined on one of them is checked first.</summary>
        public bool Remembered(long id) => !_read.Contains(id);

        /// <summary>For each band, its newest entries: from memory, and from <paramref name="read"/> for the rest
        /// (remembered); a band no stored entry has is left out.</summary>
        public async Task<Dictionary<long, long[]>> SharingAsync(long[] bands, Func<long[], Task<Dictionary<long, long[]>>> read)
        {
            var found = new Dictionary<long, long[]>();
            var missing = new List<long>();
            lock (cache._lock)
            {
                foreach (var band in bands)
                {
                    if (filter is not null && !filter.MayContain(band))
                    {
                        // No stored entry has it (so none is remembered either): no entry shares it, and it is not worth
                        // a slot, most such bands stay an entry's own.
                        continue;
                    }
                    if (cache._generation == generation && cache._bands.TryGetValue(band, out var ids))
                    {
                        found[band] = ids;
                    }
                    else
                    {
                        missing.Add(band);
                    }
                }
            }
            if (missing.Count == 0)
            {
                return found;
            }
            var stored = await read([.. missing]);
            lock (cache._lock)
            {
                var keep = cache._generation == generation;
                if (keep && cache._bands.Count + missing.Count > MaxBands)
                {
                    cache._bands.Clear();
                }
                foreach (var band in missing)
                {
                    var ids = stored.TryGetValue(band, out var newest) ? newest : [];
                    found[band] = ids;
                    if (keep)
                    {
                        cache._bands[band] = ids;
                    }
                }
            }
            return found;
        }

        /// <summary>The candidates among these entries that are of other sources than <paramref name="sourceId"/>: from
        /// memory, and from <paramref name="read"/> (which leaves out the source's own) for the rest.</summary>
        public async Task<Dictionary<long, StoryCandidate>> CandidatesAsync(long[] ids, long sourceId, Func<long[], Task<Dictionary<long, StoryCandidate>>> read)
        {
            var found = Take(ref cache._spareCandidates);
            found.EnsureCapacity(ids.Length);
            var missing = new List<long>();
            lock (cache._lock)
            {
                foreach (var id in ids)
                {
                    if (cache._generation == generation && cache._entries.TryGetValue(id, out var entry))
                    {
                        if (entry.SourceId != sourceId)
                        {
                            found[id] = entry.Candidate;
                        }
                    }
                    else
                    {
                        missing.Add(id);
                    }
                }
            }
            if (missing.Count == 0)
            {
                return found;
            }
            var stored = await read([.. missing]);
            lock (cache._lock)
            {
                var keep = cache._generation == generation;
                if (keep && cache._entries.Count + stored.Count > MaxEntries)
                {
                    cache._entries.Clear();
                }
                foreach (var (id, candidate) in stored)
                {
                    found[id] = candidate;
                    _read.Add(id);
                    if (keep)
                    {
                        cache._entries[id] = new Entry(candidate, candidate.SourceId, null);
                    }
                }
            }
            return found;
        }

        /// <summary>Hands a table <see cref="CandidatesAsync"/> returned to the next poll; the caller is done with it.</summary>
        public void Release(Dictionary<long, StoryCandidate> candidates) => cache.Keep(candidates);

        /// <summary>An entry this poll stores (new) or rewrites (changed), with the story it ends up in.</summary>
        public void Written(long id, long sourceId, StoryPlacement placement, long storyId, DateTimeOffset time, bool changed) =>
            _written.Add((id, sourceId, placement, storyId, time, changed));

        /// <summary>After the commit: the poll's entries go into the bands remembered and their signatures are kept.</summary>
        public void Committed()
        {
            lock (cache._lock)
            {
                // The transaction wrote nothing else, and the filter had every band stored before it.
                var filtering = filter is not null && cache._filter == filter;
                if (cache._unfolded == unfolded)
                {
                    if (_written.Any(written => written.Changed))
                    {
                        // Its old bands are not known here: read the unfolded entries again at the next poll.
                        cache._unfolded = null;
                    }
                    else
                    {
                        // (After a fold in this poll the mark moved: the next poll starts them again, from the file.)
                        foreach (var (id, _, placement, _, time, _) in _written.Where(written => written.Id > unfolded.Mark))
                        {
                            unfolded.Add(id, placement.Bands, Timestamps.ToText(time));
                        }
                    }
                }
                var remembering = cache._generation == generation;
                foreach (var (id, sourceId, placement, storyId, time, changed) in _written)
                {
                    if (remembering && changed)
                    {
                        ForgetBandsOf(id);
                    }
                    foreach (var band in placement.Bands)
                    {
                        // A band new to the filter is no band remembered: every band remembered was looked up while this
                        // filter said it may be stored (a new filter starts with none remembered).
                        var isNew = filtering && filter!.Add(band);
                        if (remembering && !isNew && cache._bands.TryGetValue(band, out var ids) && Newest(ids, id) is var newest && newest != ids)
                        {
                            cache._bands[band] = newest;
                        }
                    }
                    if (filtering)
                    {
                        cache._filterHighestId = Math.Max(cache._filterHighestId, id);
                    }
                    if (remembering)
                    {
                        if (cache._entries.Count >= MaxEntries)
                        {
                            cache._entries.Clear();
                        }
                        cache._entries[id] = new Entry(new StoryCandidate(id, storyId, sourceId, placement.Signature, time), sourceId, placement.Bands);
                        cache._highestId = Math.Max(cache._highestId, id);
                    }
                }
            }
            // The marks are read no more (Remembered is asked before the commit).
            cache.Keep(_read);
        }

        /// <summary>A changed entry's old bands went from the file: from the bands remembered too (all of them, when its
        /// old bands are not known here).</summary>
        private void ForgetBandsOf(long id)
        {
            if (cache._entries.Remove(id, out var entry) && entry.Bands is { } bands)
            {
                foreach (var band in bands)
                {
                    if (cache._bands.TryGetValue(band, out var ids))
                    {
                        cache._bands[band] = [.. ids.Where(other => other != id)];
                    }
                }
            }
            else
            {
                cache._bands.Clear();
            }
        }

        // Newest first, as the lookup returns them, at most PerBand: the id goes in at its place, the oldest drops out.
        internal static long[] Newest(long[] ids, long id)
        {
            var at = 0;
            while (at < ids.Length && ids[at] > id)
            {
                at++;
            }
            if (at == StoryAssigner.PerBand || (at < ids.Length && ids[at] == id))
            {
                return ids;
            }
            if (ids.Length >= StoryAssigner.PerBand)
            {
                // Full (a templated band): shifted in place, not copied. Only the poll that is committing has read it,
                // and it is done with it.
                ids.AsSpan(at, ids.Length - at - 1).CopyTo(ids.AsSpan(at + 1));
                ids[at] = id;
                return ids;
            }
            var newest = new long[Math.Min(ids.Length + 1, StoryAssigner.PerBand)];
            ids.AsSpan(0, at).CopyTo(newest);
            newest[at] = id;
            ids.AsSpan(at, newest.Length - at - 1).CopyTo(newest.AsSpan(at + 1));
            return newest;
        }
    }
}
