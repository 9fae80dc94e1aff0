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

    // Newest first: walk the date index from the newest and keep what the search matched (a set built once), so a
    // search matching half the entries stops after a few dozen rows, and none ever reads an article's or entry's
    // large row to learn its date. INDEXED BY, because the planner would rather look every match up by rowid and sort.
    // Measured over 100,000 entries: 3–25 ms, against 25–380 ms for a join on the matches and a sort.
    private const string NewestArticles = """
        SELECT a.id, NULL FROM articles a INDEXED BY ix_articles_published
        WHERE a.id IN (SELECT rowid FROM article_search WHERE article_search MATCH @Expression) AND a.embargoed_until_utc IS NULL
        ORDER BY a.published_utc DESC, a.id DESC LIMIT @Limit
        """;
    private const string NewestEntries = """
        SELECT e.id, NULL FROM entries e INDEXED BY ix_entries_sort
        WHERE e.id IN (SELECT rowid FROM entry_search WHERE entry_search MATCH @Expression)
        ORDER BY e.sort_utc DESC, e.id DESC LIMIT @Limit
        """;
    // Best first: BM25 within the index alone (title counts most, then the lead or summary, then the body); it costs
    // in proportion to the matches, as ranking must. Articles under embargo are found by the partial index of them.
    private const string BestArticles = """
        SELECT rowid, -bm25(article_search, 3.0, 2.0, 1.0) FROM article_search WHERE article_search MATCH @Expression
          AND rowid NOT IN (SELECT id FROM articles WHERE embargoed_until_utc IS NOT NULL)
        ORDER BY bm25(article_search, 3.0, 2.0, 1.0), rowid DESC LIMIT @Limit
        """;
    private const string BestEntries = """
        SELECT rowid, -bm25(entry_search, 3.0, 2.0, 1.0) FROM entry_search WHERE entry_search MATCH @Expression
        ORDER BY bm25(entry_search, 3.0, 2.0, 1.0), rowid DESC LIMIT @Limit
        """;

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

    private static async Task<IReadOnlyList<SearchHit>> SearchArticlesAsync(SqliteConnection connection, SearchQuery query, SearchOrder order, int limit)
    {
        var ranked = (await connection.QueryAsync<(long Id, double? Rank)>(
            order == SearchOrder.Newest ? NewestArticles : BestArticles, new { query.Expression, Limit = limit }))
            .ToDictionary(row => row.Id, row => row.Rank);
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
        var ranked = (await connection.QueryAsync<(long Id, double? Rank)>(
            order == SearchOrder.Newest ? NewestEntries : BestEntries, new { query.Expression, Limit = limit }))
            .ToDictionary(row => row.Id, row => row.Rank);
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
