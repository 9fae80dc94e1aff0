using System.Data.Common;
using Dapper;
using Syndication.Core.Articles;
using Syndication.Core.Text;

namespace Syndication.Storage.Articles;

/// <summary>Reads and writes the archive's articles; every write moves the archive revision in the same transaction.</summary>
public sealed class ArticleStore(Database database, TimeProvider clock)
{
    private const string SelectArticle = """
        SELECT a.id AS Id, a.stable_id AS StableId, a.slug AS Slug, a.title AS Title, a.lead AS Lead,
               a.body_html AS BodyHtml, s.slug AS SectionSlug, s.name AS SectionName,
               a.published_utc AS PublishedUtc, a.updated_utc AS UpdatedUtc, a.content_hash AS ContentHash,
               a.embargoed_until_utc AS EmbargoedUntilUtc, a.correction_text AS CorrectionText, a.correction_utc AS CorrectionUtc
        FROM articles a JOIN sections s ON s.id = a.section_id
        """;

    /// <summary><see cref="SelectArticle"/> with the body (null) only where there is no lead to summarise the article.
    /// The body comes from a self-join rather than a CASE so the column keeps its declared type for the reader even
    /// when the first row has no body.</summary>
    private const string SelectArticleSummary = """
        SELECT a.id AS Id, a.stable_id AS StableId, a.slug AS Slug, a.title AS Title, a.lead AS Lead,
               b.body_html AS BodyHtml, s.slug AS SectionSlug, s.name AS SectionName,
               a.published_utc AS PublishedUtc, a.updated_utc AS UpdatedUtc, a.content_hash AS ContentHash,
               a.embargoed_until_utc AS EmbargoedUntilUtc, a.correction_text AS CorrectionText, a.correction_utc AS CorrectionUtc
        FROM articles a JOIN sections s ON s.id = a.section_id
        LEFT JOIN articles b ON b.id = a.id AND (a.lead IS NULL OR a.lead = '')
        """;

    /// <summary>Public feeds show an article's lead, and an excerpt of its body only when it has none: leaving the
    /// other bodies in the database keeps a render of a month of articles from reading megabytes it would not use.</summary>
    private static string Select(bool bodies) => bodies ? SelectArticle : SelectArticleSummary;

    /// <summary>Stores each article once, matched on its source key; all in one transaction.</summary>
    public Task<IReadOnlyList<UpsertOutcome>> UpsertAsync(IReadOnlyList<ArticleContent> articles, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            var now = clock.GetUtcNow();
            var outcomes = new List<UpsertOutcome>(articles.Count);
            foreach (var article in articles)
            {
                outcomes.Add(await UpsertOneAsync(connection, transaction, article, now));
            }
            return ((IReadOnlyList<UpsertOutcome>)outcomes, outcomes.Any(outcome => outcome != UpsertOutcome.Unchanged));
        }, cancellationToken);

    /// <summary>
    /// Stores an article addressed by its slug (the article API): an existing article of that slug, or a deleted one,
    /// keeps its source key and so its id; a new slug is stored under the article's own key.
    /// </summary>
    public Task<UpsertOutcome> SaveBySlugAsync(ArticleContent article, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            var key = await connection.ExecuteScalarAsync<string?>("""
                SELECT source_key FROM articles WHERE slug = @Slug
                UNION ALL SELECT source_key FROM article_tombstones WHERE slug = @Slug
                LIMIT 1
                """, new { article.Slug }, transaction);
            var outcome = await UpsertOneAsync(connection, transaction, key is null ? article : article with { SourceKey = key }, clock.GetUtcNow());
            return (outcome, outcome != UpsertOutcome.Unchanged);
        }, cancellationToken);

    /// <summary>
    /// Deletes an article by slug, leaving a tombstone — its key, id, slug, date, the section, authors and tags it was
    /// in, and why it went — so the feeds that carried it can announce the withdrawal (RFC 6721), the archive's months
    /// stay as they were and a later re-publication keeps the same id. False when there is no such article.
    /// </summary>
    public Task<bool> DeleteAsync(string slug, string? comment, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            var gone = await connection.QuerySingleOrDefaultAsync<DeletingRow>("""
                SELECT source_key AS SourceKey, stable_id AS StableId, slug AS Slug, published_utc AS PublishedUtc,
                       embargoed_until_utc AS EmbargoedUntilUtc
                FROM articles WHERE slug = @Slug
                """, new { Slug = slug }, transaction);
            if (gone is null)
            {
                return (false, false);
            }
            var facets = (await connection.QueryAsync<(string Kind, string Slug)>("""
                SELECT 'section', s.slug FROM articles a JOIN sections s ON s.id = a.section_id WHERE a.slug = @Slug
                UNION SELECT 'author', au.slug FROM articles a
                    JOIN article_authors aa ON aa.article_id = a.id JOIN authors au ON au.id = aa.author_id WHERE a.slug = @Slug
                UNION SELECT 'tag', t.slug FROM articles a
                    JOIN article_tags atg ON atg.article_id = a.id JOIN tags t ON t.id = atg.tag_id WHERE a.slug = @Slug
                """, new { Slug = slug }, transaction)).ToList();
            await connection.ExecuteAsync("DELETE FROM articles WHERE slug = @Slug", new { Slug = slug }, transaction);
            await connection.ExecuteAsync("""
                INSERT INTO article_tombstones (source_key, stable_id, slug, published_utc, deleted_utc, comment, embargoed_until_utc)
                VALUES (@SourceKey, @StableId, @Slug, @PublishedUtc, @Now, @Comment, @EmbargoedUntilUtc)
                ON CONFLICT (source_key) DO UPDATE SET
                    stable_id = excluded.stable_id, slug = excluded.slug, published_utc = excluded.published_utc,
                    deleted_utc = excluded.deleted_utc, comment = excluded.comment, embargoed_until_utc = excluded.embargoed_until_utc;
                DELETE FROM article_tombstone_facets WHERE source_key = @SourceKey;
                """,
                new { gone.SourceKey, gone.StableId, gone.Slug, gone.PublishedUtc, gone.EmbargoedUntilUtc, Comment = comment, Now = Timestamps.ToText(clock.GetUtcNow()) },
                transaction);
            await connection.ExecuteAsync(
                "INSERT INTO article_tombstone_facets (source_key, kind, slug) VALUES (@SourceKey, @Kind, @Slug)",
                facets.Select(facet => new { gone.SourceKey, facet.Kind, facet.Slug }),
                transaction);
            return (true, true);
        }, cancellationToken, roomToDelete: true);

    private sealed record DeletingRow(string SourceKey, string StableId, string Slug, string PublishedUtc, string? EmbargoedUntilUtc);

    /// <summary>
    /// The articles of a facet that were deleted, newest publication first, published in [<paramref name="from"/>,
    /// <paramref name="before"/>) where those are given; at most <paramref name="limit"/> when given.
    /// </summary>
    public async Task<IReadOnlyList<DeletedArticle>> GetDeletedAsync(
        ArticleFacet facet, DateTimeOffset? from, DateTimeOffset? before, int? limit, CancellationToken cancellationToken)
    {
        // Each bound is one of two constant fragments, never input.
        var sql = $"""
            SELECT t.stable_id AS StableId, t.slug AS Slug, t.published_utc AS PublishedUtc, t.deleted_utc AS DeletedUtc, t.comment AS Comment
            FROM article_tombstones t
            WHERE {facet.TombstoneCondition}{(from is null ? "" : " AND t.published_utc >= @From")}{(before is null ? "" : " AND t.published_utc < @Before")}
            ORDER BY t.published_utc DESC, t.source_key DESC{(limit is null ? "" : " LIMIT @Limit")}
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TombstoneRow>(sql, new
        {
            facet.Slug,
            facet.SectionList,
            From = from is { } start ? Timestamps.ToText(start) : null,
            Before = before is { } end ? Timestamps.ToText(end) : null,
            Limit = limit,
        });
        return [.. rows.Select(row => new DeletedArticle(
            Guid.Parse(row.StableId), row.Slug, Timestamps.FromText(row.PublishedUtc), Timestamps.FromText(row.DeletedUtc), row.Comment))];
    }

    /// <summary>The publication time of the article at <paramref name="offset"/> (from 0) in oldest-first order of a
    /// facet — where a page of it begins — or null past the end.</summary>
    public async Task<DateTimeOffset?> GetPublishedAtAsync(ArticleFacet facet, long offset, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var published = await connection.ExecuteScalarAsync<string?>(
            $"SELECT a.published_utc FROM articles a WHERE {facet.Condition} ORDER BY a.published_utc ASC, a.id ASC LIMIT 1 OFFSET @Offset",
            new { facet.Slug, facet.SectionList, Offset = offset });
        return published is null ? null : Timestamps.FromText(published);
    }

    /// <summary>
    /// Makes public every article whose embargo has ended, in one transaction that moves the archive revision; its
    /// update time becomes at least its publication, so feeds announce it as new. The slugs released, oldest first.
    /// </summary>
    /// <remarks>Every start and every minute's check asks, and nearly always nothing is due: a read says so without the
    /// write lock, which a verb started beside a busy service would otherwise wait for (and every node for the archive's
    /// lock).</remarks>
    public async Task<IReadOnlyList<string>> ReleaseDueAsync(CancellationToken cancellationToken)
    {
        var now = Timestamps.ToText(clock.GetUtcNow());
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            if (await connection.ExecuteScalarAsync<long?>(
                    "SELECT 1 FROM articles WHERE embargoed_until_utc IS NOT NULL AND embargoed_until_utc <= @Now LIMIT 1", new { Now = now }) is null)
            {
                return [];
            }
        }
        return await WriteAsync(async (connection, transaction) =>
        {
            var released = (await connection.QueryAsync<(string Slug, string Published)>("""
                UPDATE articles
                SET updated_utc = CASE WHEN updated_utc < embargoed_until_utc THEN embargoed_until_utc ELSE updated_utc END,
                    embargoed_until_utc = NULL
                WHERE embargoed_until_utc IS NOT NULL AND embargoed_until_utc <= @Now
                RETURNING slug, published_utc
                """, new { Now = now }, transaction)).OrderBy(row => row.Published, StringComparer.Ordinal).Select(row => row.Slug).ToList();
            return ((IReadOnlyList<string>)released, released.Count > 0);
        }, cancellationToken);
    }

    /// <summary>When the next embargo ends, or null when no article is under embargo.</summary>
    public async Task<DateTimeOffset?> GetNextReleaseAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var next = await connection.ExecuteScalarAsync<string?>("SELECT min(embargoed_until_utc) FROM articles WHERE embargoed_until_utc IS NOT NULL");
        return next is null ? null : Timestamps.FromText(next);
    }

    /// <summary>Runs a write in one serializable transaction, moving the archive revision in it when the write changed something.</summary>
    /// <summary>One write transaction; with <paramref name="roomToDelete"/>, one that deleting is how space comes back
    /// to a full database (<see cref="Database.RoomToDeleteAsync"/>).</summary>
    private async Task<T> WriteAsync<T>(
        Func<DbConnection, DbTransaction, Task<(T Result, bool Changed)>> write, CancellationToken cancellationToken, bool roomToDelete = false)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Disposed after the transaction (declared before it): the full-text index writes at commit.
        await using var room = roomToDelete ? await database.RoomToDeleteAsync(connection) : null;
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        await database.LockArchiveAsync(connection, transaction);
        var (result, changed) = await write(connection, transaction);
        if (changed)
        {
            await connection.ExecuteAsync("UPDATE archive_state SET revision = revision + 1 WHERE id = 1", transaction: transaction);
        }
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<UpsertOutcome> UpsertOneAsync(DbConnection connection, DbTransaction transaction, ArticleContent article, DateTimeOffset now)
    {
        var hash = article.ComputeHash();
        var existing = await connection.QuerySingleOrDefaultAsync<ExistingArticleRow>(
            "SELECT id AS Id, content_hash AS ContentHash, correction_text AS CorrectionText, correction_utc AS CorrectionUtc FROM articles WHERE source_key = @SourceKey",
            new { article.SourceKey }, transaction);
        if (existing is not null && existing.ContentHash == hash)
        {
            return UpsertOutcome.Unchanged;
        }
        var sectionId = await EnsureSectionAsync(connection, transaction, article.Section);
        // Dated ahead: stored now, public from its time. A new article under embargo was last changed now, not at its
        // (future) publication; the release moves its update time to the publication.
        var embargoed = article.Published > now ? Timestamps.ToText(article.Published) : null;
        var updated = Timestamps.ToText(article.Updated ?? (existing is null && embargoed is null ? article.Published : now));
        // A correction without its own time was made now, unless the article already carried the same note.
        var correctionTime = article.Correction is not { } correction ? null
            : correction.Time is { } given ? Timestamps.ToText(given)
            : existing?.CorrectionText == correction.Text && existing.CorrectionUtc is { } kept ? kept
            : Timestamps.ToText(now);
        long id;
        if (existing is null)
        {
            // Published again after a delete: the tombstone's work is done.
            await connection.ExecuteAsync("DELETE FROM article_tombstones WHERE source_key = @SourceKey", new { article.SourceKey }, transaction);
            id = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO articles (source_key, stable_id, slug, title, lead, body_html, section_id, published_utc, updated_utc, content_hash, embargoed_until_utc,
                                      correction_text, correction_utc)
                VALUES (@SourceKey, @StableId, @Slug, @Title, @Lead, @BodyHtml, @SectionId, @Published, @Updated, @Hash, @Embargoed, @CorrectionText, @CorrectionTime)
                RETURNING id
                """,
                new
                {
                    article.SourceKey,
                    StableId = StableIds.FromName(article.SourceKey).ToString("D"),
                    Slug = await UniqueSlugAsync(connection, transaction, article.Slug),
                    article.Title,
                    article.Lead,
                    article.BodyHtml,
                    SectionId = sectionId,
                    Published = Timestamps.ToText(article.Published),
                    Updated = updated,
                    Hash = hash,
                    Embargoed = embargoed,
                    CorrectionText = article.Correction?.Text,
                    CorrectionTime = correctionTime,
                },
                transaction);
            await database.Search.IndexArticleAsync(connection, transaction, id, article.Title, article.Lead, article.BodyHtml);
        }
        else
        {
            id = existing.Id;
            // The slug stays as first published: it is the article's URL.
            await connection.ExecuteAsync("""
                UPDATE articles SET title = @Title, lead = @Lead, body_html = @BodyHtml, section_id = @SectionId,
                       published_utc = @Published, updated_utc = @Updated, content_hash = @Hash, embargoed_until_utc = @Embargoed,
                       correction_text = @CorrectionText, correction_utc = @CorrectionTime
                WHERE id = @Id
                """,
                new
                {
                    Id = id,
                    article.Title,
                    article.Lead,
                    article.BodyHtml,
                    SectionId = sectionId,
                    Published = Timestamps.ToText(article.Published),
                    Updated = updated,
                    Hash = hash,
                    Embargoed = embargoed,
                    CorrectionText = article.Correction?.Text,
                    CorrectionTime = correctionTime,
                },
                transaction);
            await database.Search.IndexArticleAsync(connection, transaction, id, article.Title, article.Lead, article.BodyHtml);
            await connection.ExecuteAsync("""
                DELETE FROM article_authors WHERE article_id = @Id;
                DELETE FROM article_tags WHERE article_id = @Id;
                DELETE FROM article_images WHERE article_id = @Id;
                DELETE FROM article_related WHERE article_id = @Id;
                """, new { Id = id }, transaction);
        }
        await WritePartsAsync(connection, transaction, id, article);
        return existing is null ? UpsertOutcome.Inserted : UpsertOutcome.Updated;
    }

    private static async Task WritePartsAsync(DbConnection connection, DbTransaction transaction, long id, ArticleContent article)
    {
        for (var i = 0; i < article.Authors.Count; i++)
        {
            var authorId = await EnsureNamedAsync(connection, transaction, "authors", article.Authors[i]);
            await connection.ExecuteAsync(
                "INSERT INTO article_authors (article_id, author_id, position) VALUES (@Id, @AuthorId, @Position) ON CONFLICT DO NOTHING",
                new { Id = id, AuthorId = authorId, Position = i }, transaction);
        }
        for (var i = 0; i < article.Tags.Count; i++)
        {
            var tagId = await EnsureNamedAsync(connection, transaction, "tags", article.Tags[i]);
            await connection.ExecuteAsync(
                "INSERT INTO article_tags (article_id, tag_id, position) VALUES (@Id, @TagId, @Position) ON CONFLICT DO NOTHING",
                new { Id = id, TagId = tagId, Position = i }, transaction);
        }
        await connection.ExecuteAsync(
            "INSERT INTO article_images (article_id, position, url, caption, media_type, length, width, height, credit) VALUES (@Id, @Position, @Url, @Caption, @MediaType, @Length, @Width, @Height, @Credit)",
            article.Images.Select((image, i) => new { Id = id, Position = i, image.Url, image.Caption, image.MediaType, image.Length, image.Width, image.Height, image.Credit }),
            transaction);
        await connection.ExecuteAsync(
            "INSERT INTO article_related (article_id, position, title, summary, url) VALUES (@Id, @Position, @Title, @Summary, @Url)",
            article.Related.Select((link, i) => new { Id = id, Position = i, link.Title, link.Summary, link.Url }),
            transaction);
    }

    private static async Task<long> EnsureSectionAsync(DbConnection connection, DbTransaction transaction, Section section) =>
        await connection.ExecuteScalarAsync<long>("""
            INSERT INTO sections (slug, name) VALUES (@Slug, @Name)
            ON CONFLICT (slug) DO UPDATE SET name = excluded.name
            RETURNING id
            """, section, transaction);

    /// <summary>An author or tag by its name; a new name gets a slug of its own even when its slug is taken.</summary>
    private static async Task<long> EnsureNamedAsync(DbConnection connection, DbTransaction transaction, string table, string name)
    {
        // table is one of two constants, never input.
        var id = await connection.ExecuteScalarAsync<long?>($"SELECT id FROM {table} WHERE name = @Name", new { Name = name }, transaction);
        if (id is { } found)
        {
            return found;
        }
        var slug = await FreeSlugAsync(connection, transaction, table, Slugifier.Slugify(name) is { Length: > 0 } s ? s : "khong-ten");
        return await connection.ExecuteScalarAsync<long>(
            $"INSERT INTO {table} (slug, name) VALUES (@Slug, @Name) RETURNING id", new { Slug = slug, Name = name }, transaction);
    }

    private static Task<string> UniqueSlugAsync(DbConnection connection, DbTransaction transaction, string slug) =>
        FreeSlugAsync(connection, transaction, "articles", slug);

    private static async Task<string> FreeSlugAsync(DbConnection connection, DbTransaction transaction, string table, string slug)
    {
        foreach (var candidate in Slugifier.Candidates(slug))
        {
            if (await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table} WHERE slug = @Slug", new { Slug = candidate }, transaction) == 0)
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("unreachable: the candidates never end");
    }

    /// <summary>The newest articles of a facet, newest first; without <paramref name="bodies"/>, an article that has a
    /// lead comes with an empty body.</summary>
    public async Task<IReadOnlyList<Article>> GetLatestAsync(int limit, ArticleFacet facet, CancellationToken cancellationToken, bool bodies = true)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ArticleRow>(
            Select(bodies) + $"\nWHERE {facet.Condition}\nORDER BY a.published_utc DESC, a.id DESC LIMIT @Limit",
            new { facet.Slug, facet.SectionList, Limit = limit });
        return await AssembleAsync(connection, [.. rows]);
    }

    /// <summary>The articles of a facet newest first, skipping the <paramref name="offset"/> newest: the pages people read,
    /// where page 2 is the next older articles. Bodies as in <see cref="GetLatestAsync"/>.</summary>
    public async Task<IReadOnlyList<Article>> GetNewestAsync(ArticleFacet facet, int offset, int limit, CancellationToken cancellationToken, bool bodies = false)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ArticleRow>(
            Select(bodies) + $"\nWHERE {facet.Condition}\nORDER BY a.published_utc DESC, a.id DESC LIMIT @Limit OFFSET @Offset",
            new { facet.Slug, facet.SectionList, Limit = limit, Offset = offset });
        return await AssembleAsync(connection, [.. rows]);
    }

    /// <summary>The public articles published in [from, to), newest first, skipping the <paramref name="offset"/> newest.</summary>
    public async Task<IReadOnlyList<Article>> GetPublishedBetweenAsync(
        DateTimeOffset from, DateTimeOffset to, int offset, int limit, CancellationToken cancellationToken, bool bodies = false)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ArticleRow>(
            Select(bodies) + $"\nWHERE a.published_utc >= @From AND a.published_utc < @To AND {ArticleFacet.Public} ORDER BY a.published_utc DESC, a.id DESC LIMIT @Limit OFFSET @Offset",
            new { From = Timestamps.ToText(from), To = Timestamps.ToText(to), Limit = limit, Offset = offset });
        return await AssembleAsync(connection, [.. rows]);
    }

    /// <summary>The public articles published in [from, to), newest first, at most <paramref name="limit"/>: slug, title
    /// and times only, for lists of links such as sitemaps.</summary>
    public async Task<IReadOnlyList<ArticleListing>> ListPublishedBetweenAsync(DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Slug, string Title, string Published, string Updated)>($"""
            SELECT a.slug, a.title, a.published_utc, a.updated_utc FROM articles a
            WHERE a.published_utc >= @From AND a.published_utc < @To AND {ArticleFacet.Public}
            ORDER BY a.published_utc DESC, a.id DESC LIMIT @Limit
            """, new { From = Timestamps.ToText(from), To = Timestamps.ToText(to), Limit = limit });
        return [.. rows.Select(row => new ArticleListing(row.Slug, row.Title, Timestamps.FromText(row.Published), Timestamps.FromText(row.Updated)))];
    }

    /// <summary>For each span [from, to) of time: how many public articles were published in it and their latest change.</summary>
    public async Task<IReadOnlyList<SpanSummary>> SummarizeSpansAsync(IReadOnlyList<(DateTimeOffset From, DateTimeOffset To)> spans, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var summaries = new List<SpanSummary>(spans.Count);
        foreach (var (from, to) in spans)
        {
            var (count, updated) = await connection.QuerySingleAsync<(long Count, string? Updated)>($"""
                SELECT count(*), max(a.updated_utc) FROM articles a
                WHERE a.published_utc >= @From AND a.published_utc < @To AND {ArticleFacet.Public}
                """, new { From = Timestamps.ToText(from), To = Timestamps.ToText(to) });
            summaries.Add(new SpanSummary((int)count, Timestamps.FromNullableText(updated)));
        }
        return summaries;
    }

    /// <summary>When each public article was published, oldest first: what the archive's months are counted from (in the
    /// archive's own zone, which SQL does not know).</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> GetPublishedTimesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<string>($"SELECT a.published_utc FROM articles a WHERE {ArticleFacet.Public} ORDER BY a.published_utc");
        return [.. rows.Select(Timestamps.FromText)];
    }

    /// <summary>The slugs of the public articles titled exactly so (a related teaser names its article by title), by title;
    /// a title several articles share goes to the newest.</summary>
    public async Task<IReadOnlyDictionary<string, string>> FindSlugsByTitleAsync(IReadOnlyCollection<string> titles, CancellationToken cancellationToken)
    {
        if (titles.Count == 0)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Title, string Slug)>(
            $"SELECT a.title, a.slug FROM articles a WHERE a.title IN @Titles AND {ArticleFacet.Public} ORDER BY a.published_utc", new { Titles = titles.Distinct(StringComparer.Ordinal).ToArray() });
        var slugs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (title, slug) in rows)
        {
            slugs[title] = slug;
        }
        return slugs;
    }

    /// <summary>
    /// Page <paramref name="page"/> (from 1) of a facet, counted from the oldest article, newest first within the page:
    /// new articles only ever land on the newest page, so walking the pages never skips or repeats one. Bodies as in
    /// <see cref="GetLatestAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<Article>> GetPageAsync(ArticleFacet facet, int page, int pageSize, CancellationToken cancellationToken, bool bodies = true)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ArticleRow>(
            Select(bodies) + $"\nWHERE {facet.Condition}\nORDER BY a.published_utc ASC, a.id ASC LIMIT @Size OFFSET @Offset",
            new { facet.Slug, facet.SectionList, Size = pageSize, Offset = (long)(page - 1) * pageSize });
        return [.. (await AssembleAsync(connection, [.. rows])).Reverse()];
    }

    /// <summary>The articles published in [from, to), newest first; bodies as in <see cref="GetLatestAsync"/>; those
    /// under embargo only when <paramref name="includeEmbargoed"/>.</summary>
    public Task<IReadOnlyList<Article>> GetPublishedBetweenAsync(
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken, bool bodies = true, bool includeEmbargoed = false) =>
        GetPublishedBetweenAsync(ArticleFacet.Site with { IncludeEmbargoed = includeEmbargoed }, from, to, cancellationToken, bodies);

    /// <summary>The articles of the site facet (its embargo and sections) published in [from, to), newest first.</summary>
    public async Task<IReadOnlyList<Article>> GetPublishedBetweenAsync(
        ArticleFacet facet, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken, bool bodies = true)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ArticleRow>(
            Select(bodies) + $"\nWHERE a.published_utc >= @From AND a.published_utc < @To AND {facet.Condition} ORDER BY a.published_utc DESC, a.id DESC",
            new { facet.Slug, facet.SectionList, From = Timestamps.ToText(from), To = Timestamps.ToText(to) });
        return await AssembleAsync(connection, [.. rows]);
    }

    public async Task<int> CountAsync(ArticleFacet facet, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Testing each row's embargo column reads every row, past its body (on SQLite, its overflow pages: 0.3–0.6 s on
        // 100,000 articles, the largest part of the first feed after a start); counting the facet's rows less those
        // under embargo reads indexes only (the embargo index holds just those rows).
        var all = facet with { IncludeEmbargoed = true };
        var sql = facet.IncludeEmbargoed
            ? $"SELECT count(*) FROM articles a WHERE {all.Condition}"
            : $"SELECT (SELECT count(*) FROM articles a WHERE {all.Condition}) - (SELECT count(*) FROM articles a WHERE {all.Condition} AND {ArticleFacet.Embargoed})";
        return await connection.ExecuteScalarAsync<int>(sql, new { facet.Slug, facet.SectionList });
    }

    /// <summary>
    /// The oldest and newest publication times of public articles, deleted ones included (so archive months never
    /// disappear), or null for an archive that never had a public article.
    /// </summary>
    public async Task<(DateTimeOffset Oldest, DateTimeOffset Newest)?> GetPublishedRangeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var range = await connection.QuerySingleAsync<(string? Oldest, string? Newest)>("""
            SELECT min(bounds.published), max(bounds.published) FROM (
                SELECT min(published_utc) AS published FROM articles WHERE embargoed_until_utc IS NULL
                UNION ALL SELECT max(published_utc) FROM articles WHERE embargoed_until_utc IS NULL
                UNION ALL SELECT min(published_utc) FROM article_tombstones WHERE embargoed_until_utc IS NULL
                UNION ALL SELECT max(published_utc) FROM article_tombstones WHERE embargoed_until_utc IS NULL) AS bounds
            """);
        return range.Oldest is null ? null : (Timestamps.FromText(range.Oldest), Timestamps.FromText(range.Newest!));
    }

    /// <summary>One section, author or tag by slug with its name and public article count; null when it has none.</summary>
    public async Task<FacetSummary?> GetFacetAsync(FacetKind kind, string slug, CancellationToken cancellationToken)
    {
        var sql = kind switch
        {
            FacetKind.Section => $"SELECT s.slug, s.name, (SELECT count(*) FROM articles a WHERE a.section_id = s.id AND {ArticleFacet.Public}) FROM sections s WHERE s.slug = @Slug",
            FacetKind.Author => $"SELECT au.slug, au.name, (SELECT count(*) FROM article_authors aa JOIN articles a ON a.id = aa.article_id WHERE aa.author_id = au.id AND {ArticleFacet.Public}) FROM authors au WHERE au.slug = @Slug",
            FacetKind.Tag => $"SELECT t.slug, t.name, (SELECT count(*) FROM article_tags atg JOIN articles a ON a.id = atg.article_id WHERE atg.tag_id = t.id AND {ArticleFacet.Public}) FROM tags t WHERE t.slug = @Slug",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "only sections, authors and tags are named"),
        };
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(string Slug, string Name, long Count)?>(sql, new { Slug = slug });
        return row is { Count: > 0 } found ? new FacetSummary(kind, found.Slug, found.Name, (int)found.Count) : null;
    }

    /// <summary>Every section, author or tag that has public articles, with its name and count, by name.</summary>
    public async Task<IReadOnlyList<FacetSummary>> ListFacetsAsync(FacetKind kind, CancellationToken cancellationToken)
    {
        var sql = kind switch
        {
            FacetKind.Section => $"SELECT s.slug, s.name, count(*) FROM sections s JOIN articles a ON a.section_id = s.id WHERE {ArticleFacet.Public} GROUP BY s.id",
            FacetKind.Author => $"""
                SELECT au.slug, au.name, count(*) FROM authors au JOIN article_authors aa ON aa.author_id = au.id
                JOIN articles a ON a.id = aa.article_id WHERE {ArticleFacet.Public} GROUP BY au.id
                """,
            FacetKind.Tag => $"""
                SELECT t.slug, t.name, count(*) FROM tags t JOIN article_tags atg ON atg.tag_id = t.id
                JOIN articles a ON a.id = atg.article_id WHERE {ArticleFacet.Public} GROUP BY t.id
                """,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "only sections, authors and tags are listed"),
        };
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Slug, string Name, long Count)>(sql);
        return [.. rows.Select(row => new FacetSummary(kind, row.Slug, row.Name, (int)row.Count)).OrderBy(f => f.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), false))];
    }

    /// <summary>The article of a slug; one under embargo only when <paramref name="includeEmbargoed"/> (the CMS's API).</summary>
    public async Task<Article?> GetBySlugAsync(string slug, CancellationToken cancellationToken, bool includeEmbargoed = false)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ArticleRow>(
            SelectArticle + $"\nWHERE a.slug = @Slug{(includeEmbargoed ? "" : " AND " + ArticleFacet.Public)}", new { Slug = slug });
        var articles = await AssembleAsync(connection, [.. rows]);
        return articles.Count == 0 ? null : articles[0];
    }

    /// <summary>The public articles with these ids, in the order of the ids; ids of no such article are left out.</summary>
    public async Task<IReadOnlyList<Article>> GetByIdsAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ArticleRow>(SelectArticle + $"\nWHERE {database.InList("a.id", "@Ids")} AND {ArticleFacet.Public}", new { Ids = ids.ToArray() });
        var byId = (await AssembleAsync(connection, [.. rows])).ToDictionary(article => article.Id);
        return [.. ids.Where(byId.ContainsKey).Select(id => byId[id])];
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM articles");
    }

    /// <summary>Articles whose source key does not start with <paramref name="prefix"/> (say, those not generated).</summary>
    public async Task<int> CountWithoutKeyPrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM articles WHERE substr(source_key, 1, @Length) <> @Prefix", new { Prefix = prefix, prefix.Length });
    }

    /// <summary>Moves on every change to the archive, in any process that writes to this database.</summary>
    public async Task<long> GetRevisionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>("SELECT revision FROM archive_state WHERE id = 1");
    }

    /// <summary>Both change counters: of the archive's articles and of the ingested entries.</summary>
    public async Task<StoreRevisions> GetRevisionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var (articles, entries, server) = await connection.QuerySingleAsync<(long, long, string)>(
            $"SELECT revision, entries_revision, {database.ServerRun} FROM archive_state WHERE id = 1");
        return new StoreRevisions(articles, entries) { Server = server };
    }

    /// <summary>Fills in authors, tags, images and related links with one query each for the whole page of articles.</summary>
    private async Task<IReadOnlyList<Article>> AssembleAsync(DbConnection connection, IReadOnlyList<ArticleRow> rows)
    {
        if (rows.Count == 0)
        {
            return [];
        }
        var ids = rows.Select(row => row.Id).ToArray();
        var authors = (await connection.QueryAsync<NamedPartRow>($"""
            SELECT aa.article_id AS ArticleId, au.slug AS Slug, au.name AS Name FROM article_authors aa JOIN authors au ON au.id = aa.author_id
            WHERE {database.InList("aa.article_id", "@Ids")} ORDER BY aa.article_id, aa.position
            """, new { Ids = ids })).ToLookup(row => row.ArticleId);
        var tags = (await connection.QueryAsync<NamedPartRow>($"""
            SELECT atg.article_id AS ArticleId, t.slug AS Slug, t.name AS Name FROM article_tags atg JOIN tags t ON t.id = atg.tag_id
            WHERE {database.InList("atg.article_id", "@Ids")} ORDER BY atg.article_id, atg.position
            """, new { Ids = ids })).ToLookup(row => row.ArticleId);
        var images = (await connection.QueryAsync<ImageRow>($"""
            SELECT article_id AS ArticleId, url AS Url, caption AS Caption, media_type AS MediaType, length AS Length,
                   width AS Width, height AS Height, credit AS Credit
            FROM article_images WHERE {database.InList("article_id", "@Ids")} ORDER BY article_id, position
            """, new { Ids = ids })).ToLookup(row => row.ArticleId);
        var related = (await connection.QueryAsync<RelatedRow>($"""
            SELECT article_id AS ArticleId, title AS Title, summary AS Summary, url AS Url
            FROM article_related WHERE {database.InList("article_id", "@Ids")} ORDER BY article_id, position
            """, new { Ids = ids })).ToLookup(row => row.ArticleId);
        return [.. rows.Select(row => new Article
        {
            Id = row.Id,
            StableId = Guid.Parse(row.StableId),
            Slug = row.Slug,
            Title = row.Title,
            Lead = row.Lead,
            BodyHtml = row.BodyHtml ?? "",
            Section = new Section(row.SectionSlug, row.SectionName),
            Authors = [.. authors[row.Id].Select(author => author.Name)],
            AuthorSlugs = [.. authors[row.Id].Select(author => author.Slug)],
            Tags = [.. tags[row.Id].Select(tag => tag.Name)],
            TagSlugs = [.. tags[row.Id].Select(tag => tag.Slug)],
            Images = [.. images[row.Id].Select(image => new ArticleImage(
                image.Url, image.Caption, image.MediaType, image.Length, (int?)image.Width, (int?)image.Height, image.Credit))],
            Related = [.. related[row.Id].Select(link => new RelatedLink(link.Title, link.Summary, link.Url))],
            Published = Timestamps.FromText(row.PublishedUtc),
            Updated = Timestamps.FromText(row.UpdatedUtc),
            ContentHash = row.ContentHash,
            EmbargoedUntil = Timestamps.FromNullableText(row.EmbargoedUntilUtc),
            Correction = row.CorrectionText is { } correction ? new ArticleCorrection(correction, Timestamps.FromNullableText(row.CorrectionUtc)) : null,
        })];
    }
}
