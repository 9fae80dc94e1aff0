using System.Data.Common;
using Dapper;
using Syndication.Core.Search;
using Syndication.Storage.Ingestion;

namespace Syndication.Storage.Search;

/// <summary>Full-text search over the archive and the ingested entries, and the rebuild of both indexes.</summary>
/// <remarks>Only a <see cref="SearchQuery"/> reaches the engine, translated by it from the query's tree and always as a
/// parameter: what a user typed cannot be query syntax.</remarks>
public sealed class SearchStore(Database database)
{
    public const int MaxLimit = 200;

    /// <summary>Up to <paramref name="limit"/> hits (at most <see cref="MaxLimit"/>) in the scope, in the order asked.</summary>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(SearchQuery query, SearchScope scope, SearchOrder order, int limit, CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 1, MaxLimit);
        await using var connection = await database.OpenAsync(cancellationToken);
        var hits = new List<SearchHit>();
        if (scope is SearchScope.Archive or SearchScope.All)
        {
            hits.AddRange(await SearchArticlesAsync(connection, query, order, limit));
        }
        if (scope is SearchScope.Related or SearchScope.All)
        {
            hits.AddRange(await SearchEntriesAsync(connection, query, order, limit));
        }
        // Each part is its own top of the list, so the top of both merged is the top of the union.
        var ordered = order == SearchOrder.Newest
            ? hits.OrderByDescending(hit => hit.Published).ThenBy(hit => hit.Kind).ThenByDescending(hit => hit.Id)
            : hits.OrderByDescending(hit => hit.Rank ?? 0).ThenBy(hit => hit.Kind).ThenByDescending(hit => hit.Id);
        return [.. ordered.Take(limit)];
    }

    private async Task<IReadOnlyList<SearchHit>> SearchArticlesAsync(DbConnection connection, SearchQuery query, SearchOrder order, int limit)
    {
        var ranked = (await database.Search.MatchAsync(connection, SearchHitKind.Article, query, order, limit))
            .ToDictionary(row => row.Id, row => row.Rank);
        if (ranked.Count == 0)
        {
            return [];
        }
        var rows = await connection.QueryAsync<ArticleHitRow>($"""
            SELECT a.id AS Id, a.stable_id AS StableId, a.slug AS Slug, a.title AS Title, a.lead AS Lead, a.body_html AS BodyHtml,
                   s.slug AS SectionSlug, s.name AS SectionName, a.published_utc AS PublishedUtc, a.updated_utc AS UpdatedUtc
            FROM articles a JOIN sections s ON s.id = a.section_id
            WHERE {database.InList("a.id", "@Ids")}
            """, new { Ids = ranked.Keys.ToArray() });
        return [.. rows.Select(row => new SearchHit
        {
            Kind = SearchHitKind.Article,
            Id = row.Id,
            StableId = Guid.Parse(row.StableId),
            Title = row.Title,
            Snippet = SearchSnippet.Around(row.Lead is null ? row.BodyHtml : row.Lead + "\n" + row.BodyHtml, query),
            Published = Timestamps.FromText(row.PublishedUtc),
            Updated = Timestamps.FromText(row.UpdatedUtc),
            Rank = ranked[row.Id],
            ArticleSlug = row.Slug,
            SectionSlug = row.SectionSlug,
            SectionName = row.SectionName,
        })];
    }

    private async Task<IReadOnlyList<SearchHit>> SearchEntriesAsync(DbConnection connection, SearchQuery query, SearchOrder order, int limit)
    {
        var ranked = (await database.Search.MatchAsync(connection, SearchHitKind.Entry, query, order, limit))
            .ToDictionary(row => row.Id, row => row.Rank);
        if (ranked.Count == 0)
        {
            return [];
        }
        var rows = await connection.QueryAsync<EntryRow>(
            EntryRow.Select + $"\nWHERE {database.InList("e.id", "@Ids")}", new { Ids = ranked.Keys.ToArray() });
        return [.. rows.Select(row => row.ToEntry()).Select(entry => new SearchHit
        {
            Kind = SearchHitKind.Entry,
            Id = entry.Id,
            StableId = entry.StableId,
            Title = entry.Title ?? entry.Link ?? "",
            Snippet = SearchSnippet.Around(entry.SummaryHtml ?? entry.ContentHtml, query),
            Published = entry.Sort,
            Updated = entry.Updated,
            Rank = ranked[entry.Id],
            Entry = entry,
        })];
    }

    /// <summary>Rebuilds both indexes from the tables in one transaction (`syndication reindex`); writes keep them in step otherwise.</summary>
    public async Task<ReindexReport> ReindexAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        await database.Search.ReindexAsync(connection, transaction, cancellationToken);
        var counts = await connection.QuerySingleAsync<(long Articles, long Entries)>(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM entries)", transaction: transaction);
        await transaction.CommitAsync(cancellationToken);
        return new ReindexReport((int)counts.Articles, (int)counts.Entries);
    }
}
