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
            await UpsertAsync(connection, transaction, outline, SourceOrigins.Opml);
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
