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

    /// <summary>Signs the entry and places it: a new entry (or one alone in its story) looks for a story to join; a
    /// changed entry already sharing a story keeps it, so an edit does not split what readers saw together.</summary>
    public static async Task AssignAsync(
        DbConnection connection, DbTransaction transaction, long entryId, long sourceId,
        string? title, string? summaryHtml, string? contentHtml, DateTimeOffset time, bool isNew)
    {
        var signature = StorySignature.Of(title, summaryHtml, contentHtml);
        var bands = signature.BandHashes();
        if (!isNew)
        {
            await connection.ExecuteAsync("DELETE FROM entry_story_bands WHERE entry_id = @Id", new { Id = entryId }, transaction);
        }
        long storyId = entryId;
        var shared = !isNew && await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM entries WHERE story_id = (SELECT story_id FROM entries WHERE id = @Id) AND id <> @Id",
            new { Id = entryId }, transaction) > 0;
        if (shared)
        {
            storyId = await connection.ExecuteScalarAsync<long>("SELECT story_id FROM entries WHERE id = @Id", new { Id = entryId }, transaction);
        }
        else if (bands.Length > 0)
        {
            var candidates = await connection.QueryAsync<CandidateRow>($"""
                SELECT e.id AS EntryId, e.story_id AS StoryId, e.source_id AS SourceId, e.story_hashes AS Hashes,
                       e.story_shingles AS Shingles, e.story_numbers AS Numbers, e.sort_utc AS SortUtc
                FROM entries e
                WHERE e.id IN ({BandLookup})
                  AND e.source_id <> @SourceId AND e.id <> @Id AND e.sort_utc >= @From AND e.sort_utc <= @To
                ORDER BY e.id LIMIT @Limit
                """,
                BandParameters(bands, new
                {
                    SourceId = sourceId,
                    Id = entryId,
                    From = Timestamps.ToText(time - StoryMatching.Window),
                    To = Timestamps.ToText(time + StoryMatching.Window),
                    Limit = CandidateLimit,
                }),
                transaction);
            var best = StoryMatching.Best(signature, time, candidates.Select(row => row.ToCandidate()).OfType<StoryCandidate>());
            storyId = best?.StoryId ?? entryId;
        }
        await connection.ExecuteAsync("""
            UPDATE entries SET story_id = @StoryId, story_hashes = @Hashes, story_shingles = @Shingles, story_numbers = @Numbers
            WHERE id = @Id
            """,
            new { Id = entryId, StoryId = storyId, Hashes = signature.HashBytes(), Shingles = (long)signature.ShingleCount, Numbers = signature.NumbersText() },
            transaction);
        if (bands.Length > 0)
        {
            await connection.ExecuteAsync(
                "INSERT INTO entry_story_bands (band, entry_id) VALUES (@Band, @Id) ON CONFLICT DO NOTHING",
                bands.Distinct().Select(band => new { Band = band, Id = entryId }), transaction);
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
