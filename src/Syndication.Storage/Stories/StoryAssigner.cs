using System.Data.Common;
using Dapper;
using Syndication.Core.Ingestion.Stories;

namespace Syndication.Storage.Stories;

/// <summary>
/// Puts a stored entry into a story in the same transaction that stores it: its signature and bands are written, and
/// it joins the story of its best candidate — an entry of another source, dated within the window, sharing a band —
/// or starts its own. A handful of index lookups per entry, never a scan.
/// </summary>
/// <remarks>
/// Only other sources' entries are candidates: a source's own items are already deduplicated by their keys, and an
/// outlet's daily series (a price table, a weather report) is exactly what must not merge with itself.
/// </remarks>
internal static class StoryAssigner
{
    /// <summary>At most this many candidates are weighed per entry (boilerplate shared by many entries stays cheap).</summary>
    internal const int CandidateLimit = 200;

    /// <summary>Signs the entry and places it, writing its story columns and bands (rebuilding, one entry at a time,
    /// so each sees the entries placed before it).</summary>
    public static async Task AssignAsync(
        DbConnection connection, DbTransaction transaction, long entryId, long sourceId,
        string? title, string? summaryHtml, string? contentHtml, DateTimeOffset time, bool isNew)
    {
        var placement = await PlaceAsync(connection, transaction, entryId, sourceId, title, summaryHtml, contentHtml, time, isNew);
        await connection.ExecuteAsync("""
            UPDATE entries SET story_id = @StoryId, story_hashes = @Hashes, story_shingles = @Shingles, story_numbers = @Numbers
            WHERE id = @Id
            """,
            new { Id = entryId, StoryId = placement.StoryId ?? entryId, Hashes = placement.Hashes, placement.Shingles, placement.Numbers },
            transaction);
        await WriteBandsAsync(connection, transaction, [(entryId, placement)]);
    }

    /// <summary>
    /// Signs an entry and finds its story without writing the entry: a new entry (or one alone in its story) looks for
    /// a story to join; a changed entry already sharing a story keeps it, so an edit does not split what readers saw
    /// together. A changed entry's old bands are removed here. <paramref name="entryId"/> is null for an entry not
    /// stored yet, whose story is then its own when <see cref="StoryPlacement.StoryId"/> is null.
    /// </summary>
    /// <remarks>Only other sources' entries are candidates, so the entries of one poll never depend on each other and
    /// can be placed first and stored together after.</remarks>
    public static async Task<StoryPlacement> PlaceAsync(
        DbConnection connection, DbTransaction transaction, long? entryId, long sourceId,
        string? title, string? summaryHtml, string? contentHtml, DateTimeOffset time, bool isNew)
    {
        var signature = StorySignature.Of(title, summaryHtml, contentHtml);
        var allBands = signature.BandHashes();
        var bands = allBands.Distinct().ToArray();
        if (!isNew && entryId is { } changed)
        {
            await connection.ExecuteAsync("DELETE FROM entry_story_bands WHERE entry_id = @Id", new { Id = changed }, transaction);
            var shared = await connection.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM entries WHERE story_id = (SELECT story_id FROM entries WHERE id = @Id) AND id <> @Id",
                new { Id = changed }, transaction) > 0;
            if (shared)
            {
                var kept = await connection.ExecuteScalarAsync<long>("SELECT story_id FROM entries WHERE id = @Id", new { Id = changed }, transaction);
                return new StoryPlacement(signature, bands, kept);
            }
        }
        if (bands.Length == 0)
        {
            return new StoryPlacement(signature, bands, null);
        }
        var candidates = await connection.QueryAsync<CandidateRow>($"""
            SELECT e.id AS EntryId, e.story_id AS StoryId, e.source_id AS SourceId, e.story_hashes AS Hashes,
                   e.story_shingles AS Shingles, e.story_numbers AS Numbers, e.sort_utc AS SortUtc
            FROM entries e
            WHERE e.id IN ({BandLookup})
              AND e.source_id <> @SourceId AND e.id <> @Id AND e.sort_utc >= @From AND e.sort_utc <= @To
            ORDER BY e.id LIMIT @Limit
            """,
            BandParameters(allBands, new
            {
                SourceId = sourceId,
                Id = entryId ?? 0,
                From = Timestamps.ToText(time - StoryMatching.Window),
                To = Timestamps.ToText(time + StoryMatching.Window),
                Limit = CandidateLimit,
            }),
            transaction);
        var best = StoryMatching.Best(signature, time, candidates.Select(row => row.ToCandidate()).OfType<StoryCandidate>());
        return new StoryPlacement(signature, bands, best?.StoryId);
    }

    /// <summary>The LSH bands of placed entries, all in a few statements.</summary>
    public static async Task WriteBandsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<(long EntryId, StoryPlacement Placement)> placed)
    {
        var rows = placed.SelectMany(item => item.Placement.Bands.Select(band => (Band: band, item.EntryId))).ToList();
        foreach (var (values, parameters) in MultiRow.Chunks(rows, "(@{0}, @{1})", row => [row.Band, row.EntryId]))
        {
            await connection.ExecuteAsync(
                $"INSERT INTO entry_story_bands (band, entry_id) VALUES {values} ON CONFLICT DO NOTHING", parameters, transaction);
        }
    }

    /// <summary>Entries sharing a band, the newest <see cref="PerBand"/> of each band: a band that thousands of
    /// entries share is boilerplate (a repeated footer, a template), and reading all of them for every new entry would
    /// make storing quadratic. Built from constants only; the band values are parameters.</summary>
    private static readonly string BandLookup = string.Join("\n                UNION ",
        Enumerable.Range(0, StorySignature.Bands).Select(band =>
            $"SELECT entry_id FROM (SELECT entry_id FROM entry_story_bands WHERE band = @Band{band} ORDER BY entry_id DESC LIMIT {PerBand}) b{band}"));

    /// <summary>How many entries each band contributes at most.</summary>
    internal const int PerBand = 24;

    private static DynamicParameters BandParameters(long[] bands, object values)
    {
        var parameters = new DynamicParameters(values);
        for (var band = 0; band < bands.Length; band++)
        {
            parameters.Add($"Band{band}", bands[band]);
        }
        return parameters;
    }

    private sealed record CandidateRow(long EntryId, long? StoryId, long SourceId, byte[]? Hashes, long Shingles, string? Numbers, string SortUtc)
    {
        public StoryCandidate? ToCandidate() =>
            StorySignature.FromStored(Hashes, (int)Shingles, Numbers) is { } signature
                ? new StoryCandidate(EntryId, StoryId ?? EntryId, SourceId, signature, Timestamps.FromText(SortUtc))
                : null;
    }
}
