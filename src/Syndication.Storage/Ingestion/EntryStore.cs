using System.Data.Common;
using System.Text.Json;
using Dapper;
using Syndication.Core.Articles;
using Syndication.Core.Ingestion;
using Syndication.Core.Ingestion.Sources;
using Syndication.Core.Ingestion.Stories;
using Syndication.Core.Text;
using Syndication.Storage.Search;
using Syndication.Storage.Stories;

namespace Syndication.Storage.Ingestion;

/// <summary>Ingested entries: one poll's entries and the source's new state saved together, each entry stored once.</summary>
public sealed class EntryStore(Database database)
{
    private readonly PollRecorder _recorder = new(database);

    /// <summary>Saves a poll in one transaction: its entries (when it fetched any) and the source's state.</summary>
    /// <remarks>
    /// A few statements per poll, not a few per entry: on PostgreSQL each statement is a round trip to a server, and a
    /// first poll of a 50-item feed made about 1,800 of them. The entries go in one multi-row INSERT, their search
    /// rows and story bands in one each, and the source's state, its history and the revision in one command.
    /// </remarks>
    public async Task<PollSaveResult> SavePollAsync(PollRecord poll, IReadOnlyList<ParsedEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            // Saved without the caller's token, as below: recorded whole or not at all.
            await _recorder.RecordAsync(poll);
            return PollSaveResult.Nothing;
        }
        var keyed = await PrepareAsync(poll.SourceId, entries, cancellationToken);
        // Opened before the turn: what opening costs (a pooled connection's functions, the first open's settings) is
        // not paid while every other writer waits.
        await using var connection = await database.OpenAsync(cancellationToken);
        // Bulk when an entry is new or changed (signed before the turn); a feed fetched again unchanged writes a few pages.
        await using var turn = await database.WriteTurnAsync(cancellationToken, bulk: keyed.Any(item => item.Signature is not null));
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        // Entries deleted since the last poll (by anyone) leave the band index before an entry may take a freed id.
        await StoryAssigner.ForgetDeletedAsync(database, connection, transaction);
        var stories = database.StoryCache is { } cache ? await cache.BeginAsync(connection, transaction) : null;
        try
        {
            var result = await UpsertEntriesAsync(connection, transaction, poll.SourceId, keyed, poll.PolledAt, stories);
            await using (var record = new PollRecordCommand(connection, transaction, entriesChanged: result.New + result.Updated > 0))
            {
                await record.ExecuteAsync(poll, result);
            }
            await transaction.CommitAsync(cancellationToken);
            stories?.Committed();
            return result;
        }
        catch when (stories is not null)
        {
            // What was read inside the transaction may not be what the file keeps after a rollback.
            database.StoryCache?.Clear();
            throw;
        }
    }

    /// <summary>
    /// What a poll's entries need worked out before it takes the write turn, which polls take one at a time: each entry's
    /// key and hash, and the story signature of each that the store does not hold as it is (as a read outside the turn
    /// finds it; one changed meanwhile is signed in the turn).
    /// </summary>
    private async Task<List<PollEntry>> PrepareAsync(long sourceId, IReadOnlyList<ParsedEntry> entries, CancellationToken cancellationToken)
    {
        // A feed may repeat an entry; the first occurrence (the newest, in feed order) wins.
        var keyed = entries
            .Select(entry => (Key: EntryKeys.For(entry), Entry: entry))
            .DistinctBy(item => item.Key, StringComparer.Ordinal)
            .Select(item => new PollEntry(item.Key, item.Entry, EntryHash.Of(item.Entry), null))
            .ToList();
        if (keyed.Count == 0)
        {
            return keyed;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var stored = await StoredAsync(connection, null, sourceId, keyed);
        return [.. keyed.Select(item => stored.TryGetValue(item.Key, out var row) && row.Hash == item.Hash
            ? item
            : item with { Signature = StorySignature.Of(item.Entry.Title, item.Entry.Summary, item.Entry.Content) })];
    }

    /// <summary>The id and content hash of each of these entries the source has stored, by key.</summary>
    private async Task<Dictionary<string, (long Id, string Key, string Hash)>> StoredAsync(
        DbConnection connection, DbTransaction? transaction, long sourceId, List<PollEntry> keyed) =>
        (await connection.QueryAsync<(long Id, string Key, string Hash)>(
                $"SELECT id, entry_key, content_hash FROM entries WHERE source_id = @SourceId AND {database.InList("entry_key", "@Keys")}",
                new { SourceId = sourceId, Keys = keyed.Select(item => item.Key).ToArray() }, transaction))
            .ToDictionary(row => row.Key, StringComparer.Ordinal);

    /// <summary>A poll's entry with its key, its hash and, when it was new or changed before the turn, its signature.</summary>
    private sealed record PollEntry(string Key, ParsedEntry Entry, string Hash, StorySignature? Signature);

    private async Task<PollSaveResult> UpsertEntriesAsync(
        DbConnection connection, DbTransaction transaction, long sourceId, List<PollEntry> keyed, DateTimeOffset now, StoryCache.Use? stories)
    {
        var existing = await StoredAsync(connection, transaction, sourceId, keyed);
        var nowText = Timestamps.ToText(now);
        var changes = new List<(long? Id, string Key, ParsedEntry Entry, string Hash, DateTimeOffset? Published, DateTimeOffset? Updated, DateTimeOffset Time, StorySignature Signature)>();
        var unchangedIds = new List<long>();
        foreach (var (key, entry, hash, signature) in keyed)
        {
            long? storedId = existing.TryGetValue(key, out var row) ? row.Id : null;
            if (storedId is { } id && row.Hash == hash)
            {
                unchangedIds.Add(id);
                continue;
            }
            // A date outside what an entry may carry (year 9999, a clock years ahead) is not believed.
            var published = AcceptedDates.EntryDate(entry.Published, now);
            var updatedAt = AcceptedDates.EntryDate(entry.Updated, now);
            // A changed entry without its own updated time is stamped with when we saw the change.
            changes.Add((storedId, key, entry, hash, published, updatedAt ?? (storedId is null ? null : now), published ?? updatedAt ?? now,
                signature ?? StorySignature.Of(entry.Title, entry.Summary, entry.Content)));
        }
        var placements = await StoryAssigner.PlaceAsync(database, connection, transaction, sourceId,
            [.. changes.Select(change => new StoryItem(change.Id, change.Signature, change.Time, IsNew: change.Id is null))], stories);
        var fresh = new List<EntryWrite>();
        var written = new List<(EntryWrite Write, long Id)>();
        foreach (var ((storedId, key, entry, hash, published, changedAt, time, _), placement) in changes.Zip(placements))
        {
            var write = new EntryWrite(key, entry, hash, published, changedAt, time, placement);
            if (storedId is not { } id)
            {
                fresh.Add(write);
                continue;
            }
            await connection.ExecuteAsync("""
                UPDATE entries SET original_id = @OriginalId, link = @Link, title = @Title, summary_html = @Summary,
                    content_html = @Content, authors_json = @Authors, categories_json = @Categories,
                    enclosures_json = @Enclosures, published_utc = @Published, updated_utc = @Updated,
                    sort_utc = @Sort, last_seen_utc = @Now, content_hash = @Hash,
                    story_id = @StoryId, story_hashes = @StoryHashes, story_shingles = @StoryShingles, story_numbers = @StoryNumbers
                WHERE id = @Id
                """,
                new
                {
                    Id = id,
                    OriginalId = entry.Id,
                    entry.Link,
                    entry.Title,
                    entry.Summary,
                    entry.Content,
                    Authors = JsonSerializer.Serialize(entry.Authors),
                    Categories = JsonSerializer.Serialize(entry.Categories),
                    Enclosures = JsonSerializer.Serialize(entry.Enclosures),
                    Published = Timestamps.ToNullableText(write.Published),
                    Updated = Timestamps.ToNullableText(write.Updated),
                    Sort = Timestamps.ToText(time),
                    Now = nowText,
                    Hash = hash,
                    StoryId = placement.StoryId ?? id,
                    StoryHashes = placement.Hashes,
                    StoryShingles = placement.Shingles,
                    StoryNumbers = placement.Numbers,
                },
                transaction);
            written.Add((write, id));
        }
        var updated = written.Count;
        written.AddRange(await InsertAsync(connection, transaction, sourceId, fresh, nowText));
        var ownStories = written.Where(item => item.Write.Placement.StoryId is null).Select(item => item.Id).ToArray();
        if (ownStories.Length > 0)
        {
            // Inserted without a story to join, an entry starts its own: under its id, known only now.
            await connection.ExecuteAsync(
                $"UPDATE entries SET story_id = id WHERE story_id IS NULL AND {database.InList("id", "@Ids")}", new { Ids = ownStories }, transaction);
        }
        if (written.Count > 0)
        {
            await database.Search.IndexEntriesAsync(connection, transaction,
                [.. written.Select(item => new EntryText(item.Id, item.Write.Entry.Title, item.Write.Entry.Summary, item.Write.Entry.Content))]);
            await StoryAssigner.WriteBandsAsync(database, connection, transaction, [.. written.Select(item => (item.Id, item.Write.Placement))]);
            foreach (var (index, (write, id)) in written.Index())
            {
                stories?.Written(id, sourceId, write.Placement, write.Placement.StoryId ?? id, write.Time, changed: index < updated);
            }
            await StoryAssigner.FoldIfDueAsync(database, connection, transaction, written.Max(item => item.Id), stories);
        }
        if (unchangedIds.Count > 0)
        {
            await connection.ExecuteAsync(
                $"UPDATE entries SET last_seen_utc = @Now WHERE {database.InList("id", "@Ids")}", new { Now = nowText, Ids = unchangedIds.ToArray() }, transaction);
        }
        return new PollSaveResult(fresh.Count, updated, unchangedIds.Count);
    }

    private const string InsertColumns = """
        INSERT INTO entries (source_id, entry_key, stable_id, original_id, link, title, summary_html, content_html,
            authors_json, categories_json, enclosures_json, published_utc, updated_utc, sort_utc,
            first_seen_utc, last_seen_utc, content_hash, story_id, story_hashes, story_shingles, story_numbers)
        """;

    /// <summary>Inserts new entries, story columns included; returns each with its id.</summary>
    /// <remarks>
    /// PostgreSQL: many rows per statement, each statement a round trip. SQLite: one prepared statement of one row, run
    /// for each entry. SQLite has no round trip to save, and it finds each named parameter by walking the statement's
    /// names (sqlite3_bind_parameter_index): a statement of six rows binds 108 names, each found after ~54 comparisons,
    /// which took ~2 s of a first cycle's write turn (1,000 feeds × 50 items, perf), against ~10 for a statement of one
    /// row; and one statement prepared once per poll replaces one prepared per six rows.
    /// </remarks>
    private async Task<IReadOnlyList<(EntryWrite Write, long Id)>> InsertAsync(
        DbConnection connection, DbTransaction transaction, long sourceId, IReadOnlyList<EntryWrite> fresh, string nowText)
    {
        if (fresh.Count == 0)
        {
            return [];
        }
        if (database.Engine == DatabaseEngine.Sqlite)
        {
            return await InsertEachAsync(connection, transaction, sourceId, fresh, nowText);
        }
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (values, parameters) in MultiRow.Chunks(fresh,
            "(@SourceId, @{0}, @{1}, @{2}, @{3}, @{4}, @{5}, @{6}, @{7}, @{8}, @{9}, @{10}, @{11}, @{12}, @Now, @Now, @{13}, @{14}, @{15}, @{16}, @{17})",
            write => Values(sourceId, write),
            database.ParametersPerStatement))
        {
            parameters.Add("SourceId", sourceId);
            parameters.Add("Now", nowText);
            var rows = await connection.QueryAsync<(long Id, string Key)>($"""
                {InsertColumns}
                VALUES {values}
                RETURNING id, entry_key
                """, parameters, transaction);
            foreach (var (id, key) in rows)
            {
                ids[key] = id;
            }
        }
        return [.. fresh.Select(write => (write, ids[write.Key]))];
    }

    /// <summary>SQLite: the entries one by one through one prepared single-row INSERT, its parameters bound again for each.</summary>
    private static async Task<IReadOnlyList<(EntryWrite Write, long Id)>> InsertEachAsync(
        DbConnection connection, DbTransaction transaction, long sourceId, IReadOnlyList<EntryWrite> fresh, string nowText)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            {InsertColumns}
            VALUES (@SourceId, @v0, @v1, @v2, @v3, @v4, @v5, @v6, @v7, @v8, @v9, @v10, @v11, @v12, @Now, @Now, @v13, @v14, @v15, @v16, @v17)
            RETURNING id
            """;
        DbParameter Add(string name, object? value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
            return parameter;
        }
        Add("@SourceId", sourceId);
        Add("@Now", nowText);
        var fields = Enumerable.Range(0, 18).Select(field => Add($"@v{field}", null)).ToArray();
        var written = new List<(EntryWrite Write, long Id)>(fresh.Count);
        foreach (var write in fresh)
        {
            var values = Values(sourceId, write);
            for (var field = 0; field < fields.Length; field++)
            {
                fields[field].Value = values[field] ?? DBNull.Value;
            }
            written.Add((write, Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)));
        }
        return written;
    }

    /// <summary>An entry's values for the INSERT, in the order of <see cref="InsertColumns"/> after source_id, less the
    /// two times of the poll.</summary>
    private static object?[] Values(long sourceId, EntryWrite write) =>
    [
        write.Key,
        StableIds.FromName($"entry:{sourceId}:{write.Key}").ToString("D"),
        write.Entry.Id,
        write.Entry.Link,
        write.Entry.Title,
        write.Entry.Summary,
        write.Entry.Content,
        JsonSerializer.Serialize(write.Entry.Authors),
        JsonSerializer.Serialize(write.Entry.Categories),
        JsonSerializer.Serialize(write.Entry.Enclosures),
        Timestamps.ToNullableText(write.Published),
        Timestamps.ToNullableText(write.Updated),
        Timestamps.ToText(write.Time),
        write.Hash,
        write.Placement.StoryId,
        write.Placement.Hashes,
        write.Placement.Shingles,
        write.Placement.Numbers,
    ];

    /// <summary>An entry of a poll to store, new or changed, with what was worked out for it.</summary>
    private sealed record EntryWrite(
        string Key, ParsedEntry Entry, string Hash, DateTimeOffset? Published, DateTimeOffset? Updated, DateTimeOffset Time, StoryPlacement Placement);

    /// <summary>How many of each source's polls are kept for <see cref="GetRecentPollsAsync"/>.</summary>
    public const int PollsKept = 20;

    /// <summary>A source's recent polls (at most <see cref="PollsKept"/>), newest first.</summary>
    public async Task<IReadOnlyList<SourcePoll>> GetRecentPollsAsync(long sourceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SourcePollRow>("""
            SELECT polled_utc AS PolledUtc, CAST(CASE WHEN succeeded THEN 1 ELSE 0 END AS bigint) AS Succeeded,
                   http_status AS HttpStatus, error AS Error, new_entries AS NewEntries, updated_entries AS UpdatedEntries,
                   duration_ms AS DurationMs, CAST(CASE WHEN pushed THEN 1 ELSE 0 END AS bigint) AS Pushed
            FROM source_polls WHERE source_id = @SourceId ORDER BY id DESC LIMIT @Keep
            """, new { SourceId = sourceId, Keep = PollsKept });
        return [.. rows.Select(row => row.ToPoll())];
    }

    /// <summary>One source's newest entries, newest first.</summary>
    public async Task<IReadOnlyList<IngestedEntry>> GetLatestOfSourceAsync(long sourceId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<EntryRow>(
            EntryRow.Select + "\nWHERE e.source_id = @SourceId ORDER BY e.sort_utc DESC, e.id DESC LIMIT @Limit",
            new { SourceId = sourceId, Limit = limit });
        return [.. rows.Select(row => row.ToEntry())];
    }

    /// <summary>The newest entries across sources, newest first.</summary>
    public async Task<IReadOnlyList<IngestedEntry>> GetLatestAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<EntryRow>(
            EntryRow.Select + "\nORDER BY e.sort_utc DESC, e.id DESC LIMIT @Limit", new { Limit = limit });
        return [.. rows.Select(row => row.ToEntry())];
    }

    /// <summary>The newest stories across sources, one entry each: the story's earliest copy, naming the others.</summary>
    /// <remarks>Reads a few times more of the newest entries than asked for (copies of one story take several of
    /// them), then every copy of those stories through the story index: no scan.</remarks>
    public async Task<IReadOnlyList<IngestedEntry>> GetLatestStoriesAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var latest = (await connection.QueryAsync<EntryRow>(
            EntryRow.Select + "\nORDER BY e.sort_utc DESC, e.id DESC LIMIT @Limit", new { Limit = limit * 4 }))
            .Select(row => row.ToEntry())
            .ToList();
        var stories = latest.Select(entry => entry.StoryId).Distinct().Take(limit).ToArray();
        var members = await GetStoryCopiesAsync(connection, stories);
        var kept = new HashSet<long>(stories);
        return StoryGroups.Collapse([.. latest.Where(entry => kept.Contains(entry.StoryId))], members);
    }

    /// <summary>Every stored copy of the given stories.</summary>
    public async Task<IReadOnlyList<IngestedEntry>> GetStoryCopiesAsync(IReadOnlyCollection<long> storyIds, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await GetStoryCopiesAsync(connection, [.. storyIds]);
    }

    private async Task<IReadOnlyList<IngestedEntry>> GetStoryCopiesAsync(DbConnection connection, long[] storyIds)
    {
        if (storyIds.Length == 0)
        {
            return [];
        }
        var rows = await connection.QueryAsync<EntryRow>(
            EntryRow.Select + $"\nWHERE {database.InList("e.story_id", "@Stories")}", new { Stories = storyIds });
        return [.. rows.Select(row => row.ToEntry())];
    }

    public async Task<int> CountAsync(long? sourceId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM entries WHERE @SourceId IS NULL OR source_id = @SourceId", new { SourceId = sourceId });
    }

    /// <summary>Retention: removes entries dated (or first seen, when undated) before the cutoff; returns how many.</summary>
    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var deleted = await connection.ExecuteAsync(
            "DELETE FROM entries WHERE sort_utc < @Cutoff", new { Cutoff = Timestamps.ToText(cutoff) }, transaction);
        if (deleted > 0)
        {
            await connection.ExecuteAsync("""
                UPDATE sources SET entry_count = (SELECT count(*) FROM entries WHERE source_id = sources.id);
                UPDATE archive_state SET entries_revision = entries_revision + 1 WHERE id = 1;
                """, transaction: transaction);
            await StoryAssigner.ForgetDeletedAsync(database, connection, transaction);
        }
        await transaction.CommitAsync(cancellationToken);
        if (deleted > 0)
        {
            database.StoryCache?.Clear();
        }
        return deleted;
    }

    /// <summary>Stored entries in id order after <paramref name="afterId"/>, of one source or all: for going through every entry in pages.</summary>
    public async Task<IReadOnlyList<IngestedEntry>> GetPageAsync(long? sourceId, long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<EntryRow>(
            EntryRow.Select + "\nWHERE e.id > @AfterId AND (@SourceId IS NULL OR e.source_id = @SourceId) ORDER BY e.id LIMIT @Limit",
            new { SourceId = sourceId, AfterId = afterId, Limit = limit });
        return [.. rows.Select(row => row.ToEntry())];
    }

    /// <summary>Removes the entries with these ids (an editorial rule applied to stored entries); returns how many went.</summary>
    public async Task<int> DeleteAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return 0;
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var deleted = 0;
        foreach (var chunk in ids.Chunk(500))
        {
            deleted += await connection.ExecuteAsync(
                $"DELETE FROM entries WHERE {database.InList("id", "@Ids")}", new { Ids = chunk }, transaction);
        }
        if (deleted > 0)
        {
            await connection.ExecuteAsync("""
                UPDATE sources SET entry_count = (SELECT count(*) FROM entries WHERE source_id = sources.id);
                UPDATE archive_state SET entries_revision = entries_revision + 1 WHERE id = 1;
                """, transaction: transaction);
            await StoryAssigner.ForgetDeletedAsync(database, connection, transaction);
        }
        await transaction.CommitAsync(cancellationToken);
        if (deleted > 0)
        {
            database.StoryCache?.Clear();
        }
        return deleted;
    }
}
