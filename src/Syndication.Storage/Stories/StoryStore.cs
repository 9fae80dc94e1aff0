using Dapper;

namespace Syndication.Storage.Stories;

/// <summary>Story clusters as a whole: rebuilding them over every stored entry (entries stored before clustering
/// existed, or after the rules changed).</summary>
public sealed class StoryStore(Database database)
{
    private const int BatchSize = 500;

    /// <summary>
    /// Signs every entry again and clusters them in order of publication, as if each had been stored then; returns how
    /// many entries were placed and into how many stories. Batches of <see cref="BatchSize"/> entries, one write
    /// transaction each, so polling goes on between them.
    /// </summary>
    public async Task<(int Entries, int Stories)> RebuildAsync(IProgress<int>? progress, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var transaction = await database.BeginWriteAsync(connection, cancellationToken))
        {
            await connection.ExecuteAsync($"""
                DELETE FROM entry_story_bands;
                {(database.Engine == DatabaseEngine.Sqlite ? """
                    DELETE FROM story_bands_gone;
                    DELETE FROM story_band_runs;
                    UPDATE story_band_fold SET runs_version = runs_version + 1;
                    -- Every entry at or below the mark, so each one signed below goes into the index itself.
                    UPDATE story_band_fold SET folded_id = (SELECT coalesce(max(id), 0) FROM entries);
                    """ : "")}
                UPDATE entries SET story_id = id, story_hashes = NULL, story_shingles = 0, story_numbers = NULL;
                """, transaction: transaction);
            await transaction.CommitAsync(cancellationToken);
        }
        database.StoryCache?.Reset();
        var done = 0;
        var after = (Sort: "", Id: 0L);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
            var batch = (await connection.QueryAsync<RebuildRow>("""
                SELECT id AS Id, source_id AS SourceId, title AS Title, summary_html AS SummaryHtml, content_html AS ContentHtml, sort_utc AS SortUtc
                FROM entries
                WHERE sort_utc > @Sort OR (sort_utc = @Sort AND id > @Id)
                ORDER BY sort_utc, id LIMIT @Limit
                """, new { after.Sort, after.Id, Limit = BatchSize }, transaction)).ToList();
            if (batch.Count == 0)
            {
                break;
            }
            foreach (var row in batch)
            {
                await StoryAssigner.AssignAsync(
                    database, connection, transaction, row.Id, row.SourceId, row.Title, row.SummaryHtml, row.ContentHtml, Timestamps.FromText(row.SortUtc), isNew: true);
            }
            await connection.ExecuteAsync("UPDATE archive_state SET entries_revision = entries_revision + 1 WHERE id = 1", transaction: transaction);
            await transaction.CommitAsync(cancellationToken);
            database.StoryCache?.Reset();
            done += batch.Count;
            after = (batch[^1].SortUtc, batch[^1].Id);
            progress?.Report(done);
        }
        if (database.Engine == DatabaseEngine.Sqlite)
        {
            // The rebuild wrote every entry's bands into the index (it signs in order of publication, not of id): they
            // become runs, as folds write them, and the index is emptied — one transaction, so no edit falls between.
            await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
            await StoryAssigner.IndexAsRunsAsync(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            database.StoryCache?.Reset();
        }
        var stories = await connection.ExecuteScalarAsync<int>("SELECT count(DISTINCT story_id) FROM entries");
        return (done, stories);
    }

    private sealed record RebuildRow(long Id, long SourceId, string? Title, string? SummaryHtml, string? ContentHtml, string SortUtc);
}
