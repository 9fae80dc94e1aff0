using Dapper;
using Microsoft.Data.Sqlite;
using Syndication.Core.Search;
using Syndication.Storage.Ingestion;

namespace Syndication.Storage.Search;

/// <summary>Full-text search over the archive and the ingested entries, and the rebuild of both indexes.</summary>
/// <remarks>Only a <see cref="SearchQuery"/> reaches MATCH, always as a parameter: what a user typed cannot be FTS syntax.</remarks>
public sealed class SearchStore(SqliteDatabase database)
{
    public const int MaxLimit = 200;

    // Title counts most, then the lead or summary, then the body.
    private const string ArticleRank = "bm25(article_search, 3.0, 2.0, 1.0)";
    private const string EntryRank = "bm25(entry_search, 3.0, 2.0, 1.0)";

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
            : hits.OrderByDescending(hit => hit.Rank).ThenBy(hit => hit.Kind).ThenByDescending(hit => hit.Id);
        return [.. ordered.Take(limit)];
    }

    private static async Task<IReadOnlyList<SearchHit>> SearchArticlesAsync(SqliteConnection connection, SearchQuery query, SearchOrder order, int limit)
    {
        // Ids first, details after: the sort then carries three small columns, not every body that matched.
        var orderBy = order == SearchOrder.Newest ? "a.published_utc DESC, a.id DESC" : "Rank DESC, a.id DESC";
        var ranked = (await connection.QueryAsync<(long Id, double Rank)>($"""
            SELECT a.id AS Id, -{ArticleRank} AS Rank
            FROM article_search s CROSS JOIN articles a ON a.id = s.rowid
            WHERE article_search MATCH @Expression
            ORDER BY {orderBy} LIMIT @Limit
            """, new { query.Expression, Limit = limit })).ToDictionary(row => row.Id, row => row.Rank);
        if (ranked.Count == 0)
        {
            return [];
        }
        var rows = await connection.QueryAsync<ArticleHitRow>("""
            SELECT a.id AS Id, a.stable_id AS StableId, a.slug AS Slug, a.title AS Title, a.lead AS Lead, a.body_html AS BodyHtml,
                   s.slug AS SectionSlug, s.name AS SectionName, a.published_utc AS PublishedUtc, a.updated_utc AS UpdatedUtc
            FROM articles a JOIN sections s ON s.id = a.section_id
            WHERE a.id IN @Ids
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

    private static async Task<IReadOnlyList<SearchHit>> SearchEntriesAsync(SqliteConnection connection, SearchQuery query, SearchOrder order, int limit)
    {
        var orderBy = order == SearchOrder.Newest ? "e.sort_utc DESC, e.id DESC" : "Rank DESC, e.id DESC";
        var ranked = (await connection.QueryAsync<(long Id, double Rank)>($"""
            SELECT e.id AS Id, -{EntryRank} AS Rank
            FROM entry_search s CROSS JOIN entries e ON e.id = s.rowid
            WHERE entry_search MATCH @Expression
            ORDER BY {orderBy} LIMIT @Limit
            """, new { query.Expression, Limit = limit })).ToDictionary(row => row.Id, row => row.Rank);
        if (ranked.Count == 0)
        {
            return [];
        }
        var rows = await connection.QueryAsync<EntryRow>(EntryRow.Select + "\nWHERE e.id IN @Ids", new { Ids = ranked.Keys.ToArray() });
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

    /// <summary>Rebuilds both indexes from the tables in one transaction (`syndication reindex`); the triggers keep them in step otherwise.</summary>
    public async Task<ReindexReport> ReindexAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync("""
            INSERT INTO article_search (article_search) VALUES ('delete-all');
            INSERT INTO article_search (rowid, title, lead, body)
            SELECT id, search_text(title), search_text(lead), search_text(body_html) FROM articles;
            """, transaction: transaction);
        await connection.ExecuteAsync("""
            INSERT INTO entry_search (entry_search) VALUES ('delete-all');
            INSERT INTO entry_search (rowid, title, summary, content)
            SELECT id, search_text(title), search_text(summary_html), search_text(content_html) FROM entries;
            """, transaction: transaction);
        await connection.ExecuteAsync("""
            INSERT INTO article_search (article_search) VALUES ('optimize');
            INSERT INTO entry_search (entry_search) VALUES ('optimize');
            """, transaction: transaction);
        var counts = await connection.QuerySingleAsync<(long Articles, long Entries)>(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM entries)", transaction: transaction);
        await transaction.CommitAsync(cancellationToken);
        return new ReindexReport((int)counts.Articles, (int)counts.Entries);
    }
}
