using System.Data.Common;
using System.Text.Json;
using Dapper;
using Syndication.Core.Ingestion.Stories;

namespace Syndication.Storage.Stories;

/// <summary>
/// Puts a stored entry into a story in the same transaction that stores it: its signature and bands are written, and
/// it joins the story of its best candidate — an entry of another source, dated within the window, sharing a band —
/// or starts its own. A poll's entries are placed together: one lookup of all their bands, one read of the candidates'
/// signatures, one write of their bands.
/// </summary>
/// <remarks>
/// Only other sources' entries are candidates: a source's own items are already deduplicated by their keys, and an
/// outlet's daily series (a price table, a weather report) is exactly what must not merge with itself. On SQLite the
/// bands of the newest entries (after the fold mark) are not written: they are computed from the signature each entry
/// row carries, and folded into the index in bulk every <see cref="FoldEntries"/> entries (migration 61).
/// </remarks>
internal static class StoryAssigner
{
    /// <summary>At most this many candidates are weighed per entry (boilerplate shared by many entries stays cheap).</summary>
    internal const int CandidateLimit = 200;

    /// <summary>Signs the entry and places it, writing its story columns and bands (rebuilding, one entry at a time,
    /// so each sees the entries placed before it).</summary>
    public static async Task AssignAsync(
        Database database, DbConnection connection, DbTransaction transaction, long entryId, long sourceId,
        string? title, string? summaryHtml, string? contentHtml, DateTimeOffset time, bool isNew)
    {
        var placement = (await PlaceAsync(database, connection, transaction, sourceId, [new StoryItem(entryId, StorySignature.Of(title, summaryHtml, contentHtml), time, isNew)]))[0];
        await connection.ExecuteAsync("""
            UPDATE entries SET story_id = @StoryId, story_hashes = @Hashes, story_shingles = @Shingles, story_numbers = @Numbers
            WHERE id = @Id
            """,
            new { Id = entryId, StoryId = placement.StoryId ?? entryId, Hashes = placement.Hashes, placement.Shingles, placement.Numbers },
            transaction);
        await WriteBandsAsync(database, connection, transaction, [(entryId, placement)]);
    }

    /// <summary>
    /// Signs the entries of one source's poll and finds each one's story without writing them: a new entry (or one alone
    /// in its story) looks for a story to join; a changed entry already sharing a story keeps it, so an edit does not
    /// split what readers saw together. A changed entry's old bands are removed here. An item's
    /// <see cref="StoryItem.EntryId"/> is null for an entry not stored yet, whose story is then its own when
    /// <see cref="StoryPlacement.StoryId"/> is null. The placements are in the items' order.
    /// </summary>
    /// <remarks>Only other sources' entries are candidates, so the entries of one poll never depend on each other: their
    /// candidates are looked up together, in a few statements for the whole poll rather than one per entry; with
    /// <paramref name="stories"/> (a poll's use of <see cref="StoryCache"/>, SQLite) only what the process does not
    /// remember is read.</remarks>
    public static async Task<StoryPlacement[]> PlaceAsync(
        Database database, DbConnection connection, DbTransaction transaction, long sourceId, IReadOnlyList<StoryItem> items,
        StoryCache.Use? stories = null)
    {
        var placements = new StoryPlacement[items.Count];
        var seeking = new List<(int Index, StorySignature Signature, long[] Bands)>();
        for (var index = 0; index < items.Count; index++)
        {
            var item = items[index];
            var signature = item.Signature;
            var bands = signature.BandHashes().Distinct().ToArray();
            if (!item.IsNew && item.EntryId is { } changed && await KeptStoryAsync(database, connection, transaction, changed) is { } kept)
            {
                placements[index] = new StoryPlacement(signature, bands, kept);
            }
            else if (bands.Length == 0)
            {
                placements[index] = new StoryPlacement(signature, bands, null);
            }
            else
            {
                seeking.Add((index, signature, bands));
            }
        }
        if (seeking.Count == 0)
        {
            return placements;
        }
        var found = await FindAsync(database, connection, transaction, sourceId, items, seeking, stories);
        if (stories is not null && !await StillStoredAsync(connection, transaction, found.Where(best => best is not null && stories.Remembered(best.EntryId))))
        {
            // An entry remembered has gone, moved to another story or changed (another process wrote): read it all from the file.
            database.StoryCache?.Clear();
            found = await FindAsync(database, connection, transaction, sourceId, items, seeking, null);
        }
        foreach (var ((index, signature, bands), best) in seeking.Zip(found))
        {
            placements[index] = new StoryPlacement(signature, bands, best?.StoryId);
        }
        return placements;
    }

    /// <summary>Each seeking entry's best candidate (null: none may join), its candidates read through the cache when
    /// there is one.</summary>
    private static async Task<StoryCandidate?[]> FindAsync(
        Database database, DbConnection connection, DbTransaction transaction, long sourceId, IReadOnlyList<StoryItem> items,
        List<(int Index, StorySignature Signature, long[] Bands)> seeking, StoryCache.Use? stories)
    {
        var allBands = seeking.SelectMany(item => item.Bands).Distinct().ToArray();
        var sharing = stories is null
            ? await EntriesSharingAsync(database, connection, transaction, allBands, null, indexed: true)
            : await stories.SharingAsync(allBands, missing => EntriesSharingAsync(database, connection, transaction, missing, stories.Unfolded, stories.Indexed));
        if (database.BandRuns is { } runs)
        {
            // The folded bands of entries dated near these ones (SQLite), beside the index and the unfolded entries.
            var from = seeking.Min(item => items[item.Index].Time) - StoryMatching.Window;
            var to = seeking.Max(item => items[item.Index].Time) + StoryMatching.Window;
            // Only the bands some stored entry may have (most of a news entry's bands are its own), and not those that
            // already have their newest PerBand among the entries after the fold mark (all newer than any run's).
            var maybe = stories is null ? allBands : [.. allBands.Where(band => stories.MayBeStored(band)
                && !(sharing.TryGetValue(band, out var known) && known.Length >= PerBand && known[PerBand - 1] > stories.FoldMark))];
            foreach (var (band, folded) in await runs.SharingAsync(connection, transaction, stories?.RunsVersion, maybe, from, to, PerBand))
            {
                sharing[band] = sharing.TryGetValue(band, out var known) ? NewestOf(known, folded) : [.. folded];
            }
        }
        using var seen = IdMarks.Over(sharing.Values);
        var ids = new List<long>();
        foreach (var sharers in sharing.Values)
        {
            foreach (var id in sharers)
            {
                if (seen.Add(id))
                {
                    ids.Add(id);
                }
            }
        }
        seen.Clear();
        var rows = stories is null
            ? await CandidateRowsAsync(database, connection, transaction, sourceId, [.. ids])
            : await stories.CandidatesAsync([.. ids], sourceId, missing => CandidateRowsAsync(database, connection, transaction, sourceId, missing));
        var found = new StoryCandidate?[seeking.Count];
        var candidates = new List<StoryCandidate>();
        for (var i = 0; i < seeking.Count; i++)
        {
            var (index, signature, bands) = seeking[i];
            var item = items[index];
            var (from, to) = (item.Time - StoryMatching.Window, item.Time + StoryMatching.Window);
            // The candidates in the window, the CandidateLimit earliest stored; loops, not a query: this runs for
            // every entry with hundreds of ids each. The ids are marked once each, then read back in ascending order.
            candidates.Clear();
            foreach (var band in bands)
            {
                if (sharing.TryGetValue(band, out var sharers))
                {
                    foreach (var id in sharers)
                    {
                        seen.Add(id);
                    }
                }
            }
            foreach (var id in seen.Ascending())
            {
                if (id != item.EntryId && rows.TryGetValue(id, out var candidate) && candidate.Time >= from && candidate.Time <= to)
                {
                    candidates.Add(candidate);
                    if (candidates.Count == CandidateLimit)
                    {
                        break;
                    }
                }
            }
            seen.Clear();
            found[i] = StoryMatching.Best(signature, item.Time, candidates, inIdOrder: true);
        }
        stories?.Release(rows);
        return found;
    }

    /// <summary>The newest <see cref="PerBand"/> ids of two lists each newest first, once each (a merge).</summary>
    private static long[] NewestOf(long[] first, List<long> second)
    {
        var newest = new List<long>(PerBand);
        int i = 0, j = 0;
        while (newest.Count < PerBand && (i < first.Length || j < second.Count))
        {
            var next = j >= second.Count || (i < first.Length && first[i] >= second[j]) ? first[i++] : second[j++];
            if (newest.Count == 0 || newest[^1] != next)
            {
                newest.Add(next);
            }
        }
        return [.. newest];
    }

    /// <summary>Whether each of these candidates is still stored as it was remembered: in the same story, with the same
    /// signature (SQLite: the cache is SQLite's).</summary>
    private static async Task<bool> StillStoredAsync(DbConnection connection, DbTransaction transaction, IEnumerable<StoryCandidate?> candidates)
    {
        var remembered = candidates.OfType<StoryCandidate>().DistinctBy(candidate => candidate.EntryId).ToList();
        if (remembered.Count == 0)
        {
            return true;
        }
        var stored = (await connection.QueryAsync<(long Id, long? StoryId, byte[]? Hashes)>(
                "SELECT id, story_id, story_hashes FROM entries WHERE id IN (SELECT value FROM json_each(@Ids))",
                new { Ids = JsonSerializer.Serialize(remembered.Select(candidate => candidate.EntryId)) }, transaction))
            .ToDictionary(row => row.Id);
        return remembered.All(candidate =>
            stored.TryGetValue(candidate.EntryId, out var row)
            && (row.StoryId ?? row.Id) == candidate.StoryId
            && row.Hashes is not null && row.Hashes.AsSpan().SequenceEqual(candidate.Signature.HashBytes()));
    }

    /// <summary>A changed entry's old bands go; its story when it shares it with others (and keeps it), else null.</summary>
    private static async Task<long?> KeptStoryAsync(Database database, DbConnection connection, DbTransaction transaction, long entryId)
    {
        if (database.Engine == DatabaseEngine.Postgres)
        {
            await connection.ExecuteAsync("DELETE FROM entry_story_bands WHERE entry_id = @Id", new { Id = entryId }, transaction);
        }
        else
        {
            // SQLite's index has no entry_id order (migration 61): the old bands are found from the old signature.
            var hashes = await connection.ExecuteScalarAsync<byte[]?>("SELECT story_hashes FROM entries WHERE id = @Id", new { Id = entryId }, transaction);
            await DeleteIndexedAsync(connection, transaction, [(entryId, hashes)]);
        }
        return await connection.ExecuteScalarAsync<long?>("""
            SELECT e.story_id FROM entries e
            WHERE e.id = @Id AND EXISTS (SELECT 1 FROM entries o WHERE o.story_id = e.story_id AND o.id <> e.id)
            """, new { Id = entryId }, transaction);
    }

    /// <summary>For each band, the entries sharing it — the newest <see cref="PerBand"/>: a band that thousands of
    /// entries share is boilerplate (a repeated footer, a template), and reading all of them for every new entry would
    /// make storing quadratic. One statement for all the bands, each band an index range read.</summary>
    private static async Task<Dictionary<long, long[]>> EntriesSharingAsync(
        Database database, DbConnection connection, DbTransaction transaction, long[] bands, Func<long[], IEnumerable<(long Band, long EntryId)>>? unfolded,
        bool indexed)
    {
        var found = new List<(long Band, long EntryId)>();
        if (database.Engine == DatabaseEngine.Postgres)
        {
            // One statement whatever the count: the bands as one array, each read by the index with its own limit.
            found.AddRange(await connection.QueryAsync<(long, long)>($"""
                SELECT v.band, b.entry_id FROM unnest(@Bands) AS v(band)
                CROSS JOIN LATERAL (SELECT entry_id FROM entry_story_bands WHERE band = v.band ORDER BY entry_id DESC LIMIT {PerBand}) b
                """, new { Bands = bands }, transaction));
        }
        else if (indexed)
        {
            // One statement whatever the count, the bands as one JSON array. In the index, each band's range is read from
            // its PerBand-th newest entry on (found by a short walk back from its end). One row per band with its entries
            // joined by commas (a poll of templated items shares tens of thousands of pairs: 5–10 % faster than a row each).
            var rows = await connection.QueryAsync<(long Band, string Entries)>($"""
                SELECT v.value AS band, group_concat(b.entry_id) FROM json_each(@Bands) AS v
                JOIN entry_story_bands b ON b.band = v.value AND b.entry_id >= coalesce(
                    (SELECT x.entry_id FROM entry_story_bands x WHERE x.band = v.value ORDER BY x.entry_id DESC LIMIT 1 OFFSET {PerBand - 1}), 0)
                GROUP BY v.value
                """, new { Bands = JsonSerializer.Serialize(bands) }, transaction);
            found.AddRange(rows.SelectMany(row => row.Entries.Split(',').Select(id => (row.Band, long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)))));
        }
        if (database.Engine == DatabaseEngine.Sqlite)
        {
            // The entries after the fold mark, whose bands are only in their signatures yet: as the poll's cache holds them,
            // else read.
            if (unfolded is not null)
            {
                found.AddRange(unfolded(bands));
            }
            else
            {
                var wanted = bands.ToHashSet();
                foreach (var (id, entryBands, _) in await UnfoldedAsync(connection, transaction))
                {
                    found.AddRange(entryBands.Where(wanted.Contains).Select(band => (band, id)));
                }
            }
        }
        // The newest PerBand of each band over the index and the unfolded entries together (SQLite reads up to PerBand from
        // the index).
        return found.Distinct().GroupBy(row => row.Band).ToDictionary(
            group => group.Key, group => group.Select(row => row.EntryId).OrderDescending().Take(PerBand).ToArray());
    }

    /// <summary>The stored signatures of the candidate entries of other sources, by entry id; entries stored without one
    /// (not signed yet) are left out.</summary>
    private static async Task<Dictionary<long, StoryCandidate>> CandidateRowsAsync(Database database, DbConnection connection, DbTransaction transaction, long sourceId, long[] ids)
    {
        // SQLite takes the ids as one JSON array (a statement of one shape and one parameter, whatever the count).
        var (list, parameter) = database.Engine == DatabaseEngine.Postgres
            ? ("id = ANY(@Ids)", (object)ids)
            : ("id IN (SELECT value FROM json_each(@Ids))", JsonSerializer.Serialize(ids));
        var rows = await connection.QueryAsync<CandidateRow>($"""
            SELECT id AS EntryId, story_id AS StoryId, source_id AS SourceId, story_hashes AS Hashes,
                   story_shingles AS Shingles, story_numbers AS Numbers, sort_utc AS SortUtc
            FROM entries WHERE {list} AND source_id <> @SourceId
            """, new { Ids = parameter, SourceId = sourceId }, transaction);
        var candidates = new Dictionary<long, StoryCandidate>(ids.Length);
        foreach (var row in rows)
        {
            if (row.ToCandidate() is { } candidate)
            {
                candidates[row.EntryId] = candidate;
            }
        }
        return candidates;
    }

    /// <summary>The LSH bands of placed entries, all in one statement.</summary>
    public static async Task WriteBandsAsync(Database database, DbConnection connection, DbTransaction transaction, IReadOnlyCollection<(long EntryId, StoryPlacement Placement)> placed)
    {
        var rows = placed.SelectMany(item => item.Placement.Bands.Select(band => (Band: band, item.EntryId))).ToList();
        if (rows.Count == 0)
        {
            return;
        }
        if (database.Engine == DatabaseEngine.Postgres)
        {
            await connection.ExecuteAsync("""
                INSERT INTO entry_story_bands (band, entry_id) SELECT * FROM unnest(@Bands, @Ids) ON CONFLICT DO NOTHING
                """, new { Bands = rows.Select(row => row.Band).ToArray(), Ids = rows.Select(row => row.EntryId).ToArray() }, transaction);
            return;
        }
        // SQLite writes nothing for an entry after the fold mark: its signature, stored with it, holds its bands until a
        // fold. One at or below the mark (a folded entry edited, an id SQLite gave again) goes into the index itself.
        var folded = await connection.ExecuteScalarAsync<long>("SELECT folded_id FROM story_band_fold", transaction: transaction);
        var below = rows.Where(row => row.EntryId <= folded).Select(row => new[] { row.Band, row.EntryId }).ToList();
        if (below.Count > 0)
        {
            await InsertIndexedAsync(connection, transaction, below);
        }
    }

    /// <summary>
    /// After a poll's writes (SQLite): when <see cref="FoldEntries"/> entries or more are past the fold mark, folds them —
    /// from what the poll's cache holds of them (<paramref name="stories"/>) when it holds them all, else from the file.
    /// </summary>
    internal static async Task FoldIfDueAsync(Database database, DbConnection connection, DbTransaction transaction, long highestWritten, StoryCache.Use? stories)
    {
        if (database.Engine != DatabaseEngine.Sqlite)
        {
            return;
        }
        // The cache read the mark as the poll began, in this transaction, and nothing in the poll moved it.
        var folded = stories?.FoldMark ?? await connection.ExecuteScalarAsync<long>("SELECT folded_id FROM story_band_fold", transaction: transaction);
        if (highestWritten - folded >= FoldEntries)
        {
            await FoldAsync(connection, transaction, stories?.UnfoldedEntries(folded));
        }
    }

    /// <summary>
    /// Writes the bands of the entries after the fold mark as one run (<see cref="BandRuns"/>, sorted by band, one row)
    /// and moves the mark to the highest entry. SQLite only. <paramref name="known"/>: every signed entry after the mark
    /// with its bands, as a poll's cache holds them; else they are read from the file.
    /// </summary>
    internal static async Task FoldAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<(long Id, long[] Bands, string Sort)>? known = null)
    {
        // The mark goes no further than the entries read: one stored meanwhile (outside a transaction) is folded next time.
        var highest = await connection.ExecuteScalarAsync<long>("SELECT coalesce(max(id), 0) FROM entries", transaction: transaction);
        var mark = await connection.ExecuteScalarAsync<long>("SELECT folded_id FROM story_band_fold", transaction: transaction);
        if (highest <= mark)
        {
            return;
        }
        await WriteRunAsync(connection, transaction, mark + 1, highest, known);
        await connection.ExecuteAsync("UPDATE story_band_fold SET folded_id = max(folded_id, @Highest)", new { Highest = highest }, transaction);
    }

    /// <summary>Every entry at or below the fold mark written as runs of <see cref="FoldEntries"/> entries, and the band
    /// index emptied (after a rebuild wrote every entry's bands into it). SQLite only.</summary>
    internal static async Task IndexAsRunsAsync(DbConnection connection, DbTransaction transaction)
    {
        var mark = await connection.ExecuteScalarAsync<long>("SELECT folded_id FROM story_band_fold", transaction: transaction);
        var ids = (await connection.QueryAsync<long>("SELECT id FROM entries WHERE id <= @Mark ORDER BY id", new { Mark = mark }, transaction)).AsList();
        await connection.ExecuteAsync("DELETE FROM story_band_runs WHERE last_id <= @Mark", new { Mark = mark }, transaction);
        for (var at = 0; at < ids.Count; at += FoldEntries)
        {
            await WriteRunAsync(connection, transaction, ids[at], ids[Math.Min(at + FoldEntries, ids.Count) - 1]);
        }
        await connection.ExecuteAsync("DELETE FROM entry_story_bands", transaction: transaction);
    }

    /// <summary>Writes the run of the entries with ids from <paramref name="firstId"/> to <paramref name="lastId"/> as
    /// their signatures are now (replacing the run that ends at <paramref name="lastId"/>, if any; none when no entry
    /// in the range is signed), and moves the runs' version.</summary>
    private static async Task WriteRunAsync(
        DbConnection connection, DbTransaction? transaction, long firstId, long lastId, IReadOnlyCollection<(long Id, long[] Bands, string Sort)>? known = null)
    {
        // Read from the file, the signatures are behind each row's text: a fold's read was most of its cost.
        var entries = known ?? (await connection.QueryAsync<(long Id, byte[] Hashes, string Sort)>("""
            SELECT id, story_hashes, sort_utc FROM entries
            WHERE id BETWEEN @First AND @Last AND story_hashes IS NOT NULL AND story_shingles >= @Minimum
            """, new { First = firstId, Last = lastId, Minimum = StorySignature.MinimumShingles }, transaction))
            .Select(row => (row.Id, StorySignature.StoredBands(row.Hashes).Distinct().ToArray(), row.Sort)).ToList();
        if (entries.Count == 0)
        {
            await connection.ExecuteAsync("DELETE FROM story_band_runs WHERE last_id = @Last", new { Last = lastId }, transaction);
        }
        else
        {
            await connection.ExecuteAsync("""
                INSERT INTO story_band_runs (last_id, first_id, min_sort, max_sort, version, bands)
                VALUES (@Last, @First, @From, @To, (SELECT runs_version + 1 FROM story_band_fold), @Bands)
                ON CONFLICT (last_id) DO UPDATE SET first_id = excluded.first_id, min_sort = excluded.min_sort,
                    max_sort = excluded.max_sort, version = excluded.version, bands = excluded.bands
                """,
                new
                {
                    Last = lastId,
                    First = firstId,
                    From = entries.Select(entry => entry.Sort).Min(StringComparer.Ordinal),
                    To = entries.Select(entry => entry.Sort).Max(StringComparer.Ordinal),
                    Bands = BandRuns.Pack(entries.Select(entry => (entry.Id, entry.Bands)), firstId),
                },
                transaction);
        }
        await connection.ExecuteAsync("UPDATE story_band_fold SET runs_version = runs_version + 1", transaction: transaction);
    }

    /// <summary>The signed entries after SQLite's fold mark (and after <paramref name="after"/>, up to
    /// <paramref name="highest"/>) with their distinct bands, computed from their signatures: at most about
    /// <see cref="FoldEntries"/> of them.</summary>
    internal static async Task<List<(long Id, long[] Bands, string Sort)>> UnfoldedAsync(DbConnection connection, DbTransaction? transaction, long after = 0, long highest = long.MaxValue)
    {
        var rows = await connection.QueryAsync<(long Id, byte[] Hashes, string Sort)>("""
            SELECT id, story_hashes, sort_utc FROM entries
            WHERE id > max((SELECT folded_id FROM story_band_fold), @After) AND id <= @Highest
              AND story_hashes IS NOT NULL AND story_shingles >= @Minimum
            """, new { After = after, Highest = highest, Minimum = StorySignature.MinimumShingles }, transaction);
        return [.. rows.Select(row => (row.Id, StorySignature.StoredBands(row.Hashes).Distinct().ToArray(), row.Sort))];
    }

    /// <summary>Inserts (band, entry) pairs into SQLite's index, one statement of one JSON parameter, in the given order.</summary>
    private static async Task InsertIndexedAsync(DbConnection connection, DbTransaction? transaction, List<long[]> rows) =>
        await connection.ExecuteAsync(
            "INSERT INTO entry_story_bands (band, entry_id) SELECT value ->> 0, value ->> 1 FROM json_each(@Rows) WHERE 1 ON CONFLICT DO NOTHING",
            new { Rows = JsonSerializer.Serialize(rows) }, transaction);

    /// <summary>
    /// After entries were deleted (SQLite; PostgreSQL's foreign key takes their bands): the bands of every entry deleted
    /// since the last time — each left its signature in <c>story_bands_gone</c> — leave the index. Run in
    /// the deleting transaction and before a poll stores entries, so an id SQLite gives again to a new entry (it may
    /// reuse the highest) never loses the new entry's bands to the old one's.
    /// </summary>
    internal static async Task ForgetDeletedAsync(Database database, DbConnection connection, DbTransaction? transaction)
    {
        if (database.Engine != DatabaseEngine.Sqlite)
        {
            return;
        }
        // A thousand entries at a time: retention may have deleted a hundred thousand, and their bands in one statement
        // would be a string of hundreds of MB.
        var goneIds = new List<long>();
        while (true)
        {
            var gone = (await connection.QueryAsync<(long RowId, long Id, byte[]? Hashes)>(
                "SELECT rowid, entry_id, hashes FROM story_bands_gone ORDER BY rowid LIMIT 1024", transaction: transaction)).AsList();
            if (gone.Count == 0)
            {
                break;
            }
            await DeleteIndexedAsync(connection, transaction, [.. gone.Select(entry => (entry.Id, entry.Hashes))]);
            await connection.ExecuteAsync("DELETE FROM story_bands_gone WHERE rowid <= @Last", new { Last = gone[^1].RowId }, transaction);
            goneIds.AddRange(gone.Select(entry => entry.Id));
        }
        if (goneIds.Count == 0)
        {
            return;
        }
        // Each run that held a deleted entry is written again from the entries left in its range (none left: it goes).
        goneIds.Sort();
        var runs = await connection.QueryAsync<(long LastId, long FirstId)>("SELECT last_id, first_id FROM story_band_runs", transaction: transaction);
        foreach (var (lastId, firstId) in runs)
        {
            var at = goneIds.BinarySearch(firstId);
            if ((at >= 0 ? at : ~at) is var next && next < goneIds.Count && goneIds[next] <= lastId)
            {
                await WriteRunAsync(connection, transaction, firstId, lastId);
            }
        }
    }

    /// <summary>Removes entries' bands from SQLite's index by its primary key, each entry's bands computed from its stored
    /// signature.</summary>
    private static async Task DeleteIndexedAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<(long Id, byte[]? Hashes)> entries)
    {
        var rows = entries.SelectMany(entry => StorySignature.StoredBands(entry.Hashes).Select(band => new[] { band, entry.Id })).ToList();
        if (rows.Count > 0)
        {
            await connection.ExecuteAsync(
                "DELETE FROM entry_story_bands WHERE (band, entry_id) IN (SELECT value ->> 0, value ->> 1 FROM json_each(@Rows))",
                new { Rows = JsonSerializer.Serialize(rows) }, transaction);
        }
    }

    /// <summary>Entries (SQLite) past the fold mark at which their bands are folded into the index: a fold writes each
    /// page of the index about once per this many entries instead of once per entry, and the read of the unfolded
    /// signatures that each poll's lookup makes stays about a millisecond.</summary>
    internal const int FoldEntries = 2_048;

    /// <summary>How many entries each band contributes at most.</summary>
    internal const int PerBand = 24;

    private sealed record CandidateRow(long EntryId, long? StoryId, long SourceId, byte[]? Hashes, long Shingles, string? Numbers, string SortUtc)
    {
        public StoryCandidate? ToCandidate() =>
            StorySignature.FromStored(Hashes, (int)Shingles, Numbers) is { } signature
                ? new StoryCandidate(EntryId, StoryId ?? EntryId, SourceId, signature, Timestamps.FromText(SortUtc))
                : null;
    }
}
