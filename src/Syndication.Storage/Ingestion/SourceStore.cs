using System.Data.Common;
using Dapper;
using Syndication.Core.Ingestion.Opml;
using Syndication.Core.Ingestion.Sources;

namespace Syndication.Storage.Ingestion;

/// <summary>The subscriptions: added, removed (kept with their history), synced from OPML, listed with their health.</summary>
public sealed class SourceStore(Database database, TimeProvider clock)
{
    public async Task<IReadOnlyList<Source>> ListAsync(bool includeRemoved, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SourceRow>(
            $"SELECT {SourceRow.Columns} FROM sources WHERE @All OR removed_utc IS NULL ORDER BY id", new { All = includeRemoved });
        return [.. rows.Select(row => row.ToSource())];
    }

    public async Task<Source?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<SourceRow>(
            $"SELECT {SourceRow.Columns} FROM sources WHERE id = @Id", new { Id = id }))?.ToSource();
    }

    /// <summary>Adds a source, or brings back a removed or gone one with the same URL; returns it.</summary>
    public async Task<Source> AddAsync(OpmlOutline outline, string origin, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var id = await UpsertAsync(connection, transaction, outline, origin);
        await transaction.CommitAsync(cancellationToken);
        return (await GetAsync(id, cancellationToken))!;
    }

    /// <summary>Stops polling a source; its entries and history stay. False when there is no such active source.</summary>
    public async Task<bool> RemoveAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            "UPDATE sources SET removed_utc = @Now WHERE id = @Id AND removed_utc IS NULL",
            new { Id = id, Now = Timestamps.ToText(clock.GetUtcNow()) }) > 0;
    }

    /// <summary>Makes the OPML-origin sources match the file: new outlines added, titles updated, missing ones removed.</summary>
    public async Task<SourceSyncReport> SyncOpmlAsync(IReadOnlyList<OpmlOutline> outlines, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var existing = (await connection.QueryAsync<SourceRow>($"SELECT {SourceRow.Columns} FROM sources", transaction: transaction))
            .ToDictionary(row => row.Url, StringComparer.Ordinal);
        int added = 0, renamed = 0, restored = 0;
        foreach (var outline in outlines)
        {
            if (!existing.TryGetValue(outline.XmlUrl, out var row))
            {
                added++;
            }
            else if (row.RemovedUtc is not null)
            {
                restored++;
            }
            else if (row.Title != outline.Title || row.SiteUrl != outline.HtmlUrl || row.Category != outline.Category)
            {
                renamed++;
            }
            if (row is null || !UpsertChangesNothing(row, outline, SourceOrigins.Opml))
            {
                await UpsertAsync(connection, transaction, outline, SourceOrigins.Opml);
            }
        }
        var listed = outlines.Select(outline => outline.XmlUrl).ToHashSet(StringComparer.Ordinal);
        var gone = existing.Values.Where(row => row.Origin == SourceOrigins.Opml && row.RemovedUtc is null && !listed.Contains(row.Url)).ToList();
        await connection.ExecuteAsync(
            "UPDATE sources SET removed_utc = @Now WHERE id = @Id",
            gone.Select(row => new { row.Id, Now = Timestamps.ToText(clock.GetUtcNow()) }),
            transaction);
        await transaction.CommitAsync(cancellationToken);
        return new SourceSyncReport(added, renamed, gone.Count, restored);
    }

    // Active and not held by a live lease: what a claimer may take.
    private const string Claimable = """
        removed_utc IS NULL AND disabled_reason IS NULL AND (lease_until_utc IS NULL OR lease_until_utc < @Now)
        """;

    /// <summary>
    /// Leases up to <paramref name="limit"/> due sources (next poll reached or never polled, no live lease) to
    /// <paramref name="owner"/> until now + <paramref name="lease"/>, the most overdue first. Concurrent claimers, on
    /// any node, never get the same source: PostgreSQL skips rows another claimer has locked, SQLite has one writer.
    /// </summary>
    public async Task<IReadOnlyList<Source>> ClaimDueAsync(string owner, TimeSpan lease, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var turn = await database.WriteTurnAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var rows = await connection.QueryAsync<SourceRow>($"""
            UPDATE sources SET lease_owner = @Owner, lease_until_utc = @Until
            WHERE id IN (
                SELECT id FROM sources
                WHERE {Claimable} AND (next_poll_utc IS NULL OR next_poll_utc <= @Now)
                ORDER BY next_poll_utc IS NOT NULL, next_poll_utc, id
                LIMIT @Limit{database.SkipLocked})
            RETURNING {SourceRow.Columns}
            """,
            new { Owner = owner, Now = Timestamps.ToText(now), Until = Timestamps.ToText(now + lease), Limit = limit },
            transaction);
        await transaction.CommitAsync(cancellationToken);
        return [.. rows.Select(row => row.ToSource()).OrderBy(source => source.NextPoll).ThenBy(source => source.Id)];
    }

    /// <summary>Leases one active source whatever its next poll time ("poll now"); null when it is not active or another holds it.</summary>
    public async Task<Source?> ClaimAsync(long id, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        (await ClaimAsync([id], owner, lease, cancellationToken)).SingleOrDefault();

    /// <summary>Leases those of these sources that are active and not held, whatever their next poll time, in one write;
    /// in the order given.</summary>
    public async Task<IReadOnlyList<Source>> ClaimAsync(IReadOnlyList<long> ids, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var turn = await database.WriteTurnAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var rows = await connection.QueryAsync<SourceRow>($"""
            UPDATE sources SET lease_owner = @Owner, lease_until_utc = @Until
            WHERE {database.InList("id", "@Ids")} AND {Claimable}
            RETURNING {SourceRow.Columns}
            """,
            new { Ids = ids.ToArray(), Owner = owner, Now = Timestamps.ToText(now), Until = Timestamps.ToText(now + lease) },
            transaction);
        await transaction.CommitAsync(cancellationToken);
        var claimed = rows.ToDictionary(row => row.Id);
        return [.. ids.Distinct().Where(claimed.ContainsKey).Select(id => claimed[id].ToSource())];
    }

    /// <summary>Moves a lease still held by <paramref name="owner"/> to now + <paramref name="lease"/>; false when it was lost.</summary>
    public async Task<bool> RenewLeaseAsync(long id, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var turn = await database.WriteTurnAsync(cancellationToken);
        return await connection.ExecuteAsync(
            "UPDATE sources SET lease_until_utc = @Until WHERE id = @Id AND lease_owner = @Owner",
            new { Id = id, Owner = owner, Until = Timestamps.ToText(clock.GetUtcNow() + lease) }) > 0;
    }

    /// <summary>Ends a lease if <paramref name="owner"/> still holds it, moving the next poll when <paramref name="nextPoll"/> is given.</summary>
    public async Task ReleaseLeaseAsync(long id, string owner, DateTimeOffset? nextPoll, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var turn = await database.WriteTurnAsync(cancellationToken);
        await connection.ExecuteAsync("""
            UPDATE sources SET lease_owner = NULL, lease_until_utc = NULL, next_poll_utc = coalesce(@NextPoll, next_poll_utc)
            WHERE id = @Id AND lease_owner = @Owner
            """,
            new { Id = id, Owner = owner, NextPoll = Timestamps.ToNullableText(nextPoll) });
    }

    /// <summary>Ends every lease <paramref name="owner"/> holds (a node stopping), leaving the schedule as it is.</summary>
    public async Task<int> ReleaseLeasesAsync(string owner, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var turn = await database.WriteTurnAsync(cancellationToken);
        return await connection.ExecuteAsync(
            "UPDATE sources SET lease_owner = NULL, lease_until_utc = NULL WHERE lease_owner = @Owner", new { Owner = owner });
    }

    /// <summary>
    /// When the next source becomes claimable: its next poll, or its lease's end when that is later (a source never
    /// polled is due at once, as <see cref="DateTimeOffset.MinValue"/>); null when no source is active.
    /// </summary>
    public async Task<DateTimeOffset?> NextClaimableAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var text = await connection.ExecuteScalarAsync<string?>("""
            SELECT min(CASE WHEN lease_until_utc IS NOT NULL AND (next_poll_utc IS NULL OR lease_until_utc > next_poll_utc)
                            THEN lease_until_utc ELSE coalesce(next_poll_utc, @Never) END)
            FROM sources WHERE removed_utc IS NULL AND disabled_reason IS NULL
            """, new { Never = Timestamps.ToText(DateTimeOffset.MinValue) });
        return Timestamps.FromNullableText(text);
    }

    /// <summary>Makes an active source due now (the schedule's "poll now"); false when there is no such active source.</summary>
    public async Task<bool> MakeDueAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            "UPDATE sources SET next_poll_utc = @Now WHERE id = @Id AND removed_utc IS NULL AND disabled_reason IS NULL",
            new { Id = id, Now = Timestamps.ToText(clock.GetUtcNow()) }) > 0;
    }

    /// <summary>Whether <see cref="UpsertAsync"/> would leave this stored row as it is: every start and every
    /// <c>syndication poll</c> syncs the whole list, and a thousand sources that did not change cost a thousand writes.</summary>
    private static bool UpsertChangesNothing(SourceRow row, OpmlOutline outline, string origin) =>
        row.Origin == origin && row.RemovedUtc is null && row.DisabledReason is null
        && (outline.Title ?? row.Title) == row.Title
        && (outline.HtmlUrl ?? row.SiteUrl) == row.SiteUrl
        && (outline.Category ?? row.Category) == row.Category;

    private async Task<long> UpsertAsync(DbConnection connection, DbTransaction transaction, OpmlOutline outline, string origin) =>
        await connection.ExecuteScalarAsync<long>("""
            INSERT INTO sources (url, title, site_url, category, origin, created_utc)
            VALUES (@XmlUrl, @Title, @HtmlUrl, @Category, @Origin, @Now)
            ON CONFLICT (url) DO UPDATE SET
                title = coalesce(excluded.title, sources.title),
                site_url = coalesce(excluded.site_url, sources.site_url),
                category = coalesce(excluded.category, sources.category),
                origin = excluded.origin,
                removed_utc = NULL,
                disabled_reason = NULL
            RETURNING id
            """,
            new { outline.XmlUrl, outline.Title, outline.HtmlUrl, outline.Category, Origin = origin, Now = Timestamps.ToText(clock.GetUtcNow()) },
            transaction);
}
