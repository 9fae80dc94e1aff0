using System.Data.Common;
using Dapper;
using Syndication.Core.Search;
using Syndication.Storage.Search;

namespace Syndication.Storage.Postgres;

/// <summary>
/// Search on PostgreSQL: a GIN-indexed tsvector of the folded words (<see cref="SearchDocument"/>), written by the
/// stores with each row; queries are the search's tree as tsquery text (<see cref="TsQuery"/>). Relating ranks by
/// BM25 computed here from the stored folded words (<see cref="Bm25"/>), the formula FTS5 uses, so coverage and its
/// threshold come out the same as on SQLite.
/// </summary>
internal sealed class PostgresSearchEngine : SearchEngine
{
    /// <summary>Parameters per multi-row statement (one round trip each).</summary>
    private const int MaxParameters = 2000;

    /// <summary>Title, lead or summary, body: the weights of search and of relating.</summary>
    private static readonly double[] Weights = [3.0, 2.0, 1.0];

    // ts_rank takes the weights of D, C, B, A: body 1, lead 2, title 3 (scaled to at most 1).
    private const string Rank = "ts_rank('{0.1, 0.3333, 0.6667, 1.0}', s.document, q.query)";

    public override async Task<IReadOnlyList<(long Id, double? Rank)>> MatchAsync(
        DbConnection connection, SearchHitKind kind, SearchQuery query, SearchOrder order, int limit)
    {
        var sql = (kind, order) switch
        {
            (SearchHitKind.Article, SearchOrder.Newest) => """
                SELECT a.id, NULL::double precision FROM articles a JOIN article_search s ON s.article_id = a.id
                WHERE s.document @@ CAST(@Query AS tsquery) AND a.embargoed_until_utc IS NULL
                ORDER BY a.published_utc DESC, a.id DESC LIMIT @Limit
                """,
            (SearchHitKind.Article, _) => $"""
                SELECT s.article_id, {Rank} FROM article_search s, (SELECT CAST(@Query AS tsquery) AS query) q
                WHERE s.document @@ q.query AND s.article_id NOT IN (SELECT id FROM articles WHERE embargoed_until_utc IS NOT NULL)
                ORDER BY 2 DESC, s.article_id DESC LIMIT @Limit
                """,
            (_, SearchOrder.Newest) => """
                SELECT e.id, NULL::double precision FROM entries e JOIN entry_search s ON s.entry_id = e.id
                WHERE s.document @@ CAST(@Query AS tsquery)
                ORDER BY e.sort_utc DESC, e.id DESC LIMIT @Limit
                """,
            _ => $"""
                SELECT s.entry_id, {Rank} FROM entry_search s, (SELECT CAST(@Query AS tsquery) AS query) q
                WHERE s.document @@ q.query
                ORDER BY 2 DESC, s.entry_id DESC LIMIT @Limit
                """,
        };
        return [.. await connection.QueryAsync<(long Id, double? Rank)>(sql, new { Query = TsQuery.Of(query), Limit = limit })];
    }

    public override async Task<IReadOnlyList<(long Id, double Relevance)>> RankAsync(
        DbConnection connection, SearchHitKind kind, IReadOnlyList<WeightedTerm> terms, DateTimeOffset from, DateTimeOffset to, int limit)
    {
        if (terms.Count == 0)
        {
            return [];
        }
        var (index, key, rows, date) = kind == SearchHitKind.Article
            ? ("article_search", "article_id", "articles", "published_utc")
            : ("entry_search", "entry_id", "entries", "sort_utc");
        var parameters = new DynamicParameters(new { Any = TsQuery.AnyOf(terms), From = Timestamps.ToText(from), To = Timestamps.ToText(to) });
        for (var i = 0; i < terms.Count; i++)
        {
            parameters.Add($"P{i}", TsQuery.Phrase(terms[i].Term));
        }
        // The table's size and each phrase's documents over the whole index, as FTS5's IDF counts them; then the
        // candidates' words. Names are constants of this method, never input.
        var hits = string.Join(", ", terms.Select((_, i) => $"count(*) FILTER (WHERE document @@ CAST(@P{i} AS tsquery)) AS h{i}"));
        var totals = await connection.QuerySingleAsync<(long Rows, long Words)>($"SELECT count(*), coalesce(sum(words), 0)::bigint FROM {index}");
        var found = (IDictionary<string, object>)await connection.QuerySingleAsync(
            $"SELECT {hits} FROM {index} WHERE document @@ CAST(@Any AS tsquery)", parameters);
        var candidates = await connection.QueryAsync<(long Id, string Title, string Lead, string Body)>($"""
            SELECT s.{key}, s.{(kind == SearchHitKind.Article ? "title, s.lead, s.body" : "title, s.summary, s.content")}
            FROM {index} s JOIN {rows} r ON r.id = s.{key}
            WHERE s.document @@ CAST(@Any AS tsquery) AND r.{date} >= @From AND r.{date} <= @To
            """, parameters);
        var phrases = terms.Select(term => (IReadOnlyList<string>)term.Term.Split(' ')).ToList();
        var idfs = terms.Select((_, i) => Bm25.Idf(totals.Rows, Convert.ToInt64(found[$"h{i}"], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var average = totals.Rows == 0 ? 1.0 : Math.Max(1.0, (double)totals.Words / totals.Rows);
        return [.. candidates
            .Select(row => (row.Id, Relevance: Bm25.Score([Split(row.Title), Split(row.Lead), Split(row.Body)], Weights, phrases, idfs, average)))
            .OrderByDescending(row => row.Relevance)
            .ThenBy(row => row.Id)
            .Take(limit)];
    }

    public override async Task<IReadOnlyDictionary<string, long>> ArticleDocumentsAsync(DbConnection connection, IReadOnlyCollection<string> words) =>
        (await connection.QueryAsync<(string Word, long Documents)>("""
            SELECT w, (SELECT count(*) FROM article_search WHERE document @@ CAST(quote_literal(w) AS tsquery))
            FROM unnest(CAST(@Words AS text[])) AS w
            """, new { Words = words.ToArray() }))
        .ToDictionary(row => row.Word, row => row.Documents, StringComparer.Ordinal);

    public override Task IndexArticleAsync(DbConnection connection, DbTransaction transaction, long id, string title, string? lead, string body) =>
        connection.ExecuteAsync("""
            INSERT INTO article_search (article_id, title, lead, body, words, document)
            VALUES (@Id, @Title, @Lead, @Body, @Words, CAST(@Vector AS tsvector))
            ON CONFLICT (article_id) DO UPDATE SET title = excluded.title, lead = excluded.lead, body = excluded.body,
                words = excluded.words, document = excluded.document
            """, Parameters(id, SearchDocument.FromHtml(title, lead, body)), transaction);

    public override async Task IndexEntriesAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<EntryText> entries)
    {
        var documents = entries.Select(entry => (entry.Id, Document: SearchDocument.FromHtml(entry.Title, entry.Summary, entry.Content))).ToList();
        foreach (var (values, parameters) in MultiRow.Chunks(documents, "(@{0}, @{1}, @{2}, @{3}, @{4}, CAST(@{5} AS tsvector))",
            row => [row.Id, row.Document.Title, row.Document.Lead, row.Document.Body, row.Document.Words, row.Document.Vector], MaxParameters))
        {
            await connection.ExecuteAsync($"""
                INSERT INTO entry_search (entry_id, title, summary, content, words, document)
                VALUES {values}
                ON CONFLICT (entry_id) DO UPDATE SET title = excluded.title, summary = excluded.summary, content = excluded.content,
                    words = excluded.words, document = excluded.document
                """, parameters, transaction);
        }
    }

    public override async Task ReindexAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync("DELETE FROM article_search; DELETE FROM entry_search;", transaction: transaction);
        // In pages by id: one connection cannot read and write at once, and an archive need not fit in memory.
        const int Page = 500;
        for (long after = 0; ;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rows = (await connection.QueryAsync<(long Id, string Title, string? Lead, string Body)>(
                "SELECT id, title, lead, body_html FROM articles WHERE id > @After ORDER BY id LIMIT @Page", new { After = after, Page }, transaction)).ToList();
            foreach (var row in rows)
            {
                await IndexArticleAsync(connection, transaction, row.Id, row.Title, row.Lead, row.Body);
            }
            if (rows.Count < Page)
            {
                break;
            }
            after = rows[^1].Id;
        }
        for (long after = 0; ;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rows = (await connection.QueryAsync<EntryText>(
                "SELECT id AS Id, title AS Title, summary_html AS Summary, content_html AS Content FROM entries WHERE id > @After ORDER BY id LIMIT @Page",
                new { After = after, Page }, transaction)).ToList();
            await IndexEntriesAsync(connection, transaction, rows);
            if (rows.Count < Page)
            {
                break;
            }
            after = rows[^1].Id;
        }
        await connection.ExecuteAsync("ANALYZE article_search; ANALYZE entry_search;", transaction: transaction);
    }

    private static object Parameters(long id, SearchDocument document) =>
        new { Id = id, document.Title, Lead = document.Lead, Body = document.Body, document.Words, document.Vector };

    private static string[] Split(string words) => words.Length == 0 ? [] : words.Split(' ');
}
