using System.Data.Common;
using System.Text.Json;
using Dapper;
using Syndication.Core.Articles;
using Syndication.Core.Search;
using Syndication.Storage.Articles;
using Syndication.Storage.Ingestion;

namespace Syndication.Storage.Search;

/// <summary>
/// Related coverage: which ingested entries are about which archive articles. An article's distinctive terms
/// (<see cref="RelatedTerms"/>) are searched for among the entries; each match scores its BM25 relevance (the same
/// formula on both engines, see <see cref="SearchEngine.RankAsync"/>) times a
/// recency factor (halving every <see cref="RelationOptions.HalfLifeDays"/> between the two dates), and the best
/// above the threshold are kept with the terms they matched.
/// </summary>
public sealed class CoverageStore(Database database, TimeProvider clock)
{
    private readonly WordRarities _rarities = new(database);

    private string SelectEntryText => $"""
        SELECT e.id AS Id, e.title AS Title, e.summary_html AS SummaryHtml, e.content_html AS ContentHtml, e.sort_utc AS SortUtc,
               s.title AS SourceTitle, e.link AS Link
        FROM entries e JOIN sources s ON s.id = e.source_id WHERE {database.InList("e.id", "@Ids")}
        """;

    /// <summary>
    /// Works through what changed since the last round — articles added or edited, entries stored or changed, queued by
    /// triggers whichever code wrote them — relating at most <paramref name="maxItems"/> of them. Call it after
    /// <c>ArticleStore.UpsertAsync</c> and <c>EntryStore.SavePollAsync</c> (or on a schedule), again while Remaining > 0.
    /// </summary>
    public async Task<RelationReport> RelatePendingAsync(RelationOptions options, int maxItems, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var articleIds = (await connection.QueryAsync<long>(
            "SELECT article_id FROM pending_article_relations ORDER BY article_id LIMIT @Max", new { Max = maxItems })).ToList();
        // Taken before the articles are related, so each of those articles is scored after these entries were stored
        // and has seen them; an entry stored while the articles are being related waits for the next round.
        var entryIds = (await connection.QueryAsync<long>(
            "SELECT entry_id FROM pending_entry_relations ORDER BY entry_id LIMIT @Max", new { Max = maxItems - articleIds.Count })).ToList();
        var skipped = new List<RelationSkip>();
        foreach (var articleId in articleIds)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await RelateOrSkipArticleAsync(connection, articleId, options, skipped, cancellationToken);
        }
        if (entryIds.Count > 0)
        {
            // An article related a moment ago has seen every entry stored before it: no need to go over it again.
            await RelateEntriesAsync(connection, entryIds, [.. articleIds], options, skipped, cancellationToken);
        }
        var remaining = await connection.ExecuteScalarAsync<int>(
            "SELECT (SELECT count(*) FROM pending_article_relations) + (SELECT count(*) FROM pending_entry_relations)");
        return new RelationReport(articleIds.Count, entryIds.Count, remaining) { Skipped = skipped.Count == 0 ? Array.Empty<RelationSkip>() : [.. skipped] };
    }

    /// <summary>
    /// Relates one article; a row the scoring cannot handle (a date at the end of the calendar stored before dates were
    /// checked, text no folding expected) is taken off the queue and reported, so one bad row never stops the rest.
    /// Storage failures and cancellation still end the round: they are not the row's fault.
    /// </summary>
    private async Task RelateOrSkipArticleAsync(
        DbConnection connection, long articleId, RelationOptions options, List<RelationSkip> skipped, CancellationToken cancellationToken)
    {
        try
        {
            await RelateArticleAsync(connection, articleId, options, cancellationToken);
        }
        catch (Exception error) when (IsBadRow(error))
        {
            skipped.Add(new RelationSkip(SearchHitKind.Article, articleId, error.Message));
            await connection.ExecuteAsync("DELETE FROM pending_article_relations WHERE article_id = @Id", new { Id = articleId });
        }
    }

    private static bool IsBadRow(Exception error) =>
        error is not (OperationCanceledException or DbException or StorageFailureException or OutOfMemoryException);

    /// <summary>Works out one article's related coverage again from all entries; returns how many are kept.</summary>
    public async Task<int> RelateArticleAsync(long articleId, RelationOptions options, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await RelateArticleAsync(connection, articleId, options, cancellationToken);
    }

    /// <summary>Queues every article to be related again (after a change of options, or with `syndication reindex`).</summary>
    public async Task<int> QueueAllArticlesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // "WHERE true": SQLite would read ON after a bare FROM as the start of a join.
        return await connection.ExecuteAsync("INSERT INTO pending_article_relations (article_id) SELECT id FROM articles WHERE true ON CONFLICT DO NOTHING");
    }

    /// <summary>The related entries of one article, newest first.</summary>
    public async Task<IReadOnlyList<RelatedEntry>> GetArticleCoverageAsync(string articleSlug, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CoverageEntryRow>("""
            SELECT c.entry_id AS EntryId, a.slug AS ArticleSlug, a.title AS ArticleTitle, c.score AS Score, c.terms_json AS TermsJson
            FROM articles a JOIN article_coverage c ON c.article_id = a.id JOIN entries e ON e.id = c.entry_id
            WHERE a.slug = @Slug
            ORDER BY e.sort_utc DESC, e.id DESC LIMIT @Limit
            """, new { Slug = articleSlug, Limit = limit });
        return await WithEntriesAsync(connection, [.. rows]);
    }

    /// <summary>
    /// The related entries of the articles of a facet (a section, author, tag, or the whole site), newest first, each
    /// entry once — with the article it relates to best.
    /// </summary>
    public async Task<IReadOnlyList<RelatedEntry>> GetCoverageAsync(ArticleFacet facet, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Each entry's best article: the first of its rows by score (ties to the oldest article).
        var rows = await connection.QueryAsync<CoverageEntryRow>($"""
            SELECT best.entry_id AS EntryId, best.slug AS ArticleSlug, best.title AS ArticleTitle, best.score AS Score, best.terms_json AS TermsJson
            FROM (
                SELECT c.entry_id, a.slug, a.title, c.score, c.terms_json, e.sort_utc,
                       row_number() OVER (PARTITION BY c.entry_id ORDER BY c.score DESC, c.article_id) AS place
                FROM article_coverage c JOIN articles a ON a.id = c.article_id JOIN entries e ON e.id = c.entry_id
                WHERE {facet.Condition}
            ) AS best
            WHERE best.place = 1
            ORDER BY best.sort_utc DESC, best.entry_id DESC LIMIT @Limit
            """, new { facet.Slug, facet.SectionList, Limit = limit });
        return await WithEntriesAsync(connection, [.. rows]);
    }

    /// <summary>How the article's coverage is worked out now: its terms and every candidate scored, kept or not; null when there is no such article.</summary>
    public async Task<CoverageExplanation?> ExplainAsync(string articleSlug, RelationOptions options, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long?>("SELECT id FROM articles WHERE slug = @Slug", new { Slug = articleSlug });
        if (id is not { } articleId || await LoadArticleAsync(connection, articleId, options) is not { } article)
        {
            return null;
        }
        var candidates = await ScoreAsync(connection, article, options, explainAll: true);
        return new CoverageExplanation(articleId, article.Row.Slug, article.Row.Title, article.Published, article.Terms, candidates);
    }

    /// <summary>
    /// Scores outside the write lock, then writes only if nothing the score read has changed meanwhile: another relator
    /// (the service's job, a CLI import or poll in another process) may have written fresher coverage for the same
    /// article, or a poll stored entries it should see; a stale score would overwrite it. Then it scores again; after
    /// <see cref="MaxScoringAttempts"/> it writes what it has and leaves the article queued for the next round.
    /// </summary>
    private async Task<int> RelateArticleAsync(DbConnection connection, long articleId, RelationOptions options, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var seen = await StateAsync(connection, null);
            var article = await LoadArticleAsync(connection, articleId, options);
            var kept = article is null ? [] : (await ScoreAsync(connection, article, options, explainAll: false)).Where(candidate => candidate.Kept).ToList();
            await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
            var current = await StateAsync(connection, transaction);
            if (current != seen && attempt < MaxScoringAttempts)
            {
                await transaction.RollbackAsync(cancellationToken);
                continue;
            }
            if (article is not null)
            {
                await ReplaceAsync(connection, transaction, articleId, [.. kept.Select(ToRow)]);
            }
            if (current == seen)
            {
                await connection.ExecuteAsync("DELETE FROM pending_article_relations WHERE article_id = @Id", new { Id = articleId }, transaction);
            }
            await transaction.CommitAsync(cancellationToken);
            return kept.Count;
        }
    }

    private const int MaxScoringAttempts = 3;

    /// <summary>The archive's and the entries' revisions: every write of articles, entries or coverage moves one.</summary>
    private static Task<(long Articles, long Entries)> StateAsync(DbConnection connection, DbTransaction? transaction) =>
        connection.QuerySingleAsync<(long, long)>("SELECT revision, entries_revision FROM archive_state WHERE id = 1", transaction: transaction);

    /// <summary>
    /// Finds the articles that new or changed entries may cover — the best matches of each entry's own terms
    /// (<see cref="RelationOptions.CandidateArticles"/> of them within the window) — and relates those articles anew:
    /// one scoring for both paths, so an entry's relations do not depend on whether it or the article came first.
    /// </summary>
    private async Task RelateEntriesAsync(
        DbConnection connection, IReadOnlyList<long> entryIds, HashSet<long> alreadyRelated, RelationOptions options,
        List<RelationSkip> skipped, CancellationToken cancellationToken)
    {
        var entries = await connection.QueryAsync<EntryTextRow>(SelectEntryText, new { Ids = entryIds.ToArray() });
        var articleIds = new SortedSet<long>();
        var dates = new ArticleDates(connection);
        foreach (var entry in entries)
        {
            try
            {
                var (from, to) = AcceptedDates.Around(Timestamps.FromText(entry.SortUtc), options.WindowDays);
                if (!await dates.AnyWithinAsync(Timestamps.ToText(from), Timestamps.ToText(to)))
                {
                    // No article is dated within the entry's window, so none can be its coverage: its terms are not worked out.
                    continue;
                }
                var pairs = RelatedTerms.CountPairs(Parts(entry.Title, entry.SummaryHtml, entry.ContentHtml));
                var terms = RelatedTerms.Pick(pairs, await RaritiesAsync(connection, pairs), options.MaxTerms);
                if (terms.Count == 0)
                {
                    continue;
                }
                var found = await database.Search.RankAsync(connection, SearchHitKind.Article, terms, from, to, options.CandidateArticles);
                articleIds.UnionWith(found.Select(match => match.Id));
            }
            catch (Exception error) when (IsBadRow(error))
            {
                skipped.Add(new RelationSkip(SearchHitKind.Entry, entry.Id, error.Message));
            }
        }
        foreach (var articleId in articleIds.Where(id => !alreadyRelated.Contains(id)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await RelateOrSkipArticleAsync(connection, articleId, options, skipped, cancellationToken);
        }
        await connection.ExecuteAsync($"DELETE FROM pending_entry_relations WHERE {database.InList("entry_id", "@Ids")}", new { Ids = entryIds.ToArray() });
    }

    /// <summary>
    /// Scores the entries within the window against the article's terms, best first, and marks those kept; returns
    /// every candidate when <paramref name="explainAll"/>, else only those looked at to fill the article's coverage.
    /// </summary>
    private async Task<IReadOnlyList<CoverageCandidate>> ScoreAsync(DbConnection connection, ArticleTerms article, RelationOptions options, bool explainAll)
    {
        if (article.Terms.Count == 0)
        {
            return [];
        }
        // Recency reorders the best by relevance; a pool several times what is kept leaves room for that.
        var (from, to) = AcceptedDates.Around(article.Published, options.WindowDays);
        // Most of an imported back archive is dated years before any entry: the index of dates says so at once, where
        // the full-text search would read the posting lists of every term to find nothing in the window.
        if (!await connection.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM entries WHERE sort_utc >= @From AND sort_utc <= @To)",
                new { From = Timestamps.ToText(from), To = Timestamps.ToText(to) }))
        {
            return [];
        }
        var scored = await database.Search.RankAsync(connection, SearchHitKind.Entry, article.Terms, from, to, Math.Max(50, options.MaxPerArticle * 5));
        if (scored.Count == 0)
        {
            return [];
        }
        var dates = (await connection.QueryAsync<(long Id, string SortUtc)>(
                $"SELECT id, sort_utc FROM entries WHERE {database.InList("id", "@Ids")}", new { Ids = scored.Select(row => row.Id).ToArray() }))
            .ToDictionary(row => row.Id, row => Timestamps.FromText(row.SortUtc));
        var ranked = scored
            .Where(row => dates.ContainsKey(row.Id))
            .Select(row =>
            {
                var date = dates[row.Id];
                var recency = Math.Pow(0.5, Math.Abs((date - article.Published).TotalDays) / options.HalfLifeDays);
                return (EntryId: row.Id, row.Relevance, Date: date, Recency: recency, Score: row.Relevance * recency);
            })
            .OrderByDescending(candidate => candidate.Score)
            .ThenByDescending(candidate => candidate.EntryId)
            .ToList();
        // Folding an entry's text to see which terms it matched is the costly part: only for those that may be kept,
        // unless every candidate is to be explained.
        var looked = explainAll ? ranked : [.. ranked.Where(candidate => candidate.Score >= options.Threshold)];
        var texts = looked.Count == 0
            ? []
            : (await connection.QueryAsync<EntryTextRow>(SelectEntryText, new { Ids = looked.Select(candidate => candidate.EntryId).ToArray() })).ToDictionary(row => row.Id);
        var result = new List<CoverageCandidate>(explainAll ? ranked.Count : looked.Count);
        var kept = 0;
        foreach (var candidate in explainAll ? ranked : looked)
        {
            if (!explainAll && kept == options.MaxPerArticle)
            {
                break;
            }
            var text = texts[candidate.EntryId];
            var matched = RelatedTerms.FoundIn(article.Terms, Parts(text.Title, text.SummaryHtml, text.ContentHtml).Select(part => part.Folded));
            var keep = kept < options.MaxPerArticle && candidate.Score >= options.Threshold && matched.Count >= options.MinMatchedTerms;
            kept += keep ? 1 : 0;
            result.Add(new CoverageCandidate(
                candidate.EntryId, text.Title, text.SourceTitle, text.Link, candidate.Date,
                Math.Round(candidate.Relevance, 4), Math.Round(candidate.Recency, 4), Math.Round(candidate.Score, 4), matched, keep));
        }
        return result;
    }

    private async Task ReplaceAsync(DbConnection connection, DbTransaction transaction, long articleId, IReadOnlyList<CoverageRow> rows)
    {
        var before = await connection.QueryAsync<long>(
            "SELECT entry_id FROM article_coverage WHERE article_id = @Id ORDER BY entry_id", new { Id = articleId }, transaction);
        await connection.ExecuteAsync("DELETE FROM article_coverage WHERE article_id = @Id", new { Id = articleId }, transaction);
        await connection.ExecuteAsync("""
            INSERT INTO article_coverage (article_id, entry_id, score, relevance, recency, terms_json, related_utc)
            SELECT @ArticleId, @EntryId, @Score, @Relevance, @Recency, @TermsJson, @Now
            -- Either may have been deleted since it was scored (a hard delete, retention): then there is nothing to relate.
            WHERE EXISTS (SELECT 1 FROM articles WHERE id = @ArticleId) AND EXISTS (SELECT 1 FROM entries WHERE id = @EntryId)
            """,
            rows.Select(row => new { ArticleId = articleId, row.EntryId, row.Score, row.Relevance, row.Recency, row.TermsJson, Now = Timestamps.ToText(clock.GetUtcNow()) }),
            transaction);
        // The related feeds follow the entries revision; a changed set of entries is a change to them.
        if (!before.SequenceEqual(rows.Select(row => row.EntryId).Order()))
        {
            await connection.ExecuteAsync("UPDATE archive_state SET entries_revision = entries_revision + 1 WHERE id = 1", transaction: transaction);
        }
    }

    /// <summary>
    /// Whether any article is dated within a window (as the ranking's date condition reads it, on the stored text), for
    /// one round of entries: the earliest article at or after a time is remembered, so entries dated where the archive
    /// has no article — a feed's backlog older than the archive, an archive that stopped — cost one indexed read for a
    /// stretch of dates instead of a search each.
    /// </summary>
    private sealed class ArticleDates(DbConnection connection)
    {
        // No article is dated in [_after, _next) (_next null: none at or after _after); _after null: nothing read yet.
        private string? _after;
        private string? _next;

        public async Task<bool> AnyWithinAsync(string from, string to)
        {
            var known = _after is not null && string.CompareOrdinal(from, _after) >= 0 && (_next is null || string.CompareOrdinal(from, _next) <= 0);
            if (!known)
            {
                _next = await connection.ExecuteScalarAsync<string?>(
                    "SELECT min(published_utc) FROM articles WHERE published_utc >= @From", new { From = from });
                _after = from;
            }
            return _next is not null && string.CompareOrdinal(_next, to) <= 0;
        }
    }

    private static CoverageRow ToRow(CoverageCandidate candidate) =>
        new(candidate.EntryId, candidate.Score, candidate.Relevance, candidate.Recency, JsonSerializer.Serialize(candidate.MatchedTerms));

    private async Task<ArticleTerms?> LoadArticleAsync(DbConnection connection, long articleId, RelationOptions options)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ArticleTextRow>("""
            SELECT id AS Id, slug AS Slug, title AS Title, lead AS Lead, body_html AS BodyHtml, published_utc AS PublishedUtc
            FROM articles WHERE id = @Id
            """, new { Id = articleId });
        if (row is null)
        {
            return null;
        }
        var pairs = RelatedTerms.CountPairs(Parts(row.Title, row.Lead, row.BodyHtml));
        var terms = RelatedTerms.Pick(pairs, await RaritiesAsync(connection, pairs), options.MaxTerms);
        return new ArticleTerms(row, Timestamps.FromText(row.PublishedUtc), terms);
    }

    /// <summary>How rare each word of the pairs is among the archive's articles (what makes an article's terms its own).</summary>
    private Task<Func<string, double>> RaritiesAsync(DbConnection connection, IReadOnlyDictionary<string, double> pairs) =>
        _rarities.GetAsync(connection, [.. RelatedTerms.WordsOf(pairs)]);

    /// <summary>Title, lead or summary, and body, folded, with the weight each carries when counting terms.</summary>
    private static IEnumerable<(string Folded, double Weight)> Parts(string? title, string? lead, string? body) =>
    [
        (SearchText.FromHtml(title), 3.0),
        (SearchText.FromHtml(lead), 2.0),
        (SearchText.FromHtml(body), 1.0),
    ];

    private async Task<IReadOnlyList<RelatedEntry>> WithEntriesAsync(DbConnection connection, IReadOnlyList<CoverageEntryRow> rows)
    {
        if (rows.Count == 0)
        {
            return [];
        }
        var entries = (await connection.QueryAsync<EntryRow>(EntryRow.Select + $"\nWHERE {database.InList("e.id", "@Ids")}", new { Ids = rows.Select(row => row.EntryId).ToArray() }))
            .ToDictionary(row => row.Id, row => row.ToEntry());
        return [.. rows.Select(row => new RelatedEntry(
            entries[row.EntryId], row.ArticleSlug, row.ArticleTitle, row.Score,
            JsonSerializer.Deserialize<string[]>(row.TermsJson) ?? []))];
    }

    private sealed record ArticleTerms(ArticleTextRow Row, DateTimeOffset Published, IReadOnlyList<WeightedTerm> Terms);
}
