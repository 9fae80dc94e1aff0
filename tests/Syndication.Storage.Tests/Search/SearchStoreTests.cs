using Dapper;
using Microsoft.Data.Sqlite;
using Syndication.Core.Articles;
using Syndication.Core.Ingestion;
using Syndication.Core.Ingestion.Opml;
using Syndication.Core.Ingestion.Sources;
using Syndication.Core.Search;
using Syndication.Storage.Articles;
using Syndication.Storage.Ingestion;
using Syndication.Storage.Search;
using Syndication.Testing;

namespace Syndication.Storage.Tests.Search;

/// <summary>The store's contract, run on each engine by the classes below.</summary>
public abstract class SearchStoreTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Published = new(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase _temporary;
    private readonly ArticleStore _articles;
    private readonly SourceStore _sources;
    private readonly EntryStore _entries;
    private readonly SearchStore _search;

    protected SearchStoreTests(TestDatabase temporary)
    {
        _temporary = temporary;
        _articles = new ArticleStore(_temporary.Database, _temporary.Clock);
        _sources = new SourceStore(_temporary.Database, _temporary.Clock);
        _entries = new EntryStore(_temporary.Database);
        _search = new SearchStore(_temporary.Database);
        // After every article's date: an article dated ahead of the clock is under embargo and found by no search.
        _temporary.Clock.SetUtcNow(Published.AddDays(30));
    }

    public async Task InitializeAsync() => await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _temporary.Dispose();
        GC.SuppressFinalize(this);
    }

    protected ArticleStore Articles => _articles;

    protected static ArticleContent Article(string slug, string title, string body, DateTimeOffset? published = null) => new()
    {
        SourceKey = "test:" + slug,
        Slug = slug,
        Title = title,
        BodyHtml = body,
        Section = new Section("kinh-te", "Kinh tế"),
        Published = published ?? Published,
    };

    protected static ParsedEntry Entry(string name, string title, string summary, DateTimeOffset? published = null) =>
        new($"https://nguon.example/{name}", $"https://nguon.example/{name}", title, published ?? Published, null, [], summary, null, [], []);

    protected async Task<long> SaveEntriesAsync(params ParsedEntry[] entries)
    {
        var existing = await _sources.ListAsync(false, CancellationToken.None);
        var source = existing.Count > 0 ? existing[0] : await _sources.AddAsync(new OpmlOutline("https://nguon.example/rss", "Báo Nguồn", null, null), SourceOrigins.Cli, CancellationToken.None);
        var now = _temporary.Clock.GetUtcNow();
        await _entries.SavePollAsync(
            new PollRecord { SourceId = source.Id, PolledAt = now, Succeeded = true, NextPoll = now.AddMinutes(30), IntervalMinutes = 30 },
            entries, CancellationToken.None);
        return source.Id;
    }

    protected async Task<IReadOnlyList<string>> FindAsync(string text, SearchScope scope = SearchScope.All) =>
        [.. (await _search.SearchAsync(SearchQuery.Parse(text), scope, SearchOrder.Newest, 50, CancellationToken.None))
            .Select(hit => hit.ArticleSlug ?? hit.Entry!.Link!)];

    protected async Task ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = await _temporary.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql, parameters);
    }

    [DatabaseTheory]
    [InlineData("tin dung")]
    [InlineData("tín dụng")]
    [InlineData("\"tin dung chinh sach\"")]
    [InlineData("Dak Lak")]
    [InlineData("Đắk Lắk")]
    [InlineData("ĐẮK LẮK")]
    [InlineData("đăk lăk")]
    public async Task Searches_with_or_without_marks_find_articles_with_marks(string text)
    {
        await _articles.UpsertAsync([Article("von-vay", "Vốn tín dụng chính sách đến với hộ nghèo", "<p>Ngân hàng cho vay ở Đắk Lắk.</p>")], CancellationToken.None);

        Assert.Equal(["von-vay"], await FindAsync(text));
    }

    [DatabaseTheory]
    [InlineData("tín dụng")]
    [InlineData("tin dung")]
    [InlineData("Đắk Lắk")]
    [InlineData("Dak Lak")]
    public async Task Searches_with_or_without_marks_find_entries_written_without_marks(string text)
    {
        await SaveEntriesAsync(Entry("khong-dau", "Tin dung chinh sach o Dak Lak", "<p>Ngan hang cho vay ho ngheo.</p>"));

        Assert.Equal(["https://nguon.example/khong-dau"], await FindAsync(text));
    }

    [DatabaseFact]
    public async Task The_index_follows_articles_inserted_updated_and_deleted()
    {
        var article = Article("gia-ca-phe", "Giá cà phê tăng", "<p>Nông dân Cư M'gar phấn khởi.</p>");
        await _articles.UpsertAsync([article], CancellationToken.None);
        Assert.Equal(["gia-ca-phe"], await FindAsync("cu mgar"));

        await _articles.UpsertAsync([article with { BodyHtml = "<p>Nông dân Krông Búk phấn khởi.</p>" }], CancellationToken.None);
        Assert.Empty(await FindAsync("cu mgar"));
        Assert.Equal(["gia-ca-phe"], await FindAsync("krong buk"));

        // How ArticleStore deletes: the row goes, whatever code path takes it.
        await ExecuteAsync("DELETE FROM articles WHERE slug = 'gia-ca-phe'");
        Assert.Empty(await FindAsync("krong buk"));
        Assert.Empty(await FindAsync("ca phe"));
    }

    [DatabaseFact]
    public async Task The_index_follows_entries_inserted_updated_and_removed_by_retention()
    {
        await SaveEntriesAsync(Entry("1", "Sạt lở đèo Phượng Hoàng", "<p>Quốc lộ 26 ách tắc.</p>", Published.AddDays(-40)), Entry("2", "Giá cà phê hôm nay", "<p>Tăng mạnh.</p>"));
        Assert.Equal(["https://nguon.example/1"], await FindAsync("phuong hoang"));

        await SaveEntriesAsync(Entry("1", "Sạt lở đèo Phượng Hoàng đã được khắc phục", "<p>Quốc lộ 26 thông xe.</p>", Published.AddDays(-40)));
        Assert.Equal(["https://nguon.example/1"], await FindAsync("thong xe"));
        Assert.Empty(await FindAsync("ach tac"));

        Assert.Equal(1, await _entries.DeleteOlderThanAsync(Published.AddDays(-30), CancellationToken.None));
        Assert.Empty(await FindAsync("phuong hoang"));
        Assert.Equal(["https://nguon.example/2"], await FindAsync("ca phe"));
    }

    [DatabaseFact]
    public async Task Reindex_rebuilds_indexes_that_lost_their_rows()
    {
        await _articles.UpsertAsync([Article("a", "Cà phê Đắk Lắk", "<p>Giá tăng.</p>")], CancellationToken.None);
        await SaveEntriesAsync(Entry("e", "Cà phê Buôn Ma Thuột", "<p>Giá giảm.</p>"));
        await ExecuteAsync(_temporary.ClearSearchIndexesSql);
        Assert.Empty(await FindAsync("ca phe"));

        var report = await _search.ReindexAsync(CancellationToken.None);

        Assert.Equal(new ReindexReport(1, 1), report);
        Assert.Equal(["a", "https://nguon.example/e"], await FindAsync("ca phe"));
    }

    [DatabaseFact]
    public async Task Scopes_search_the_archive_the_related_entries_or_both_newest_first()
    {
        await _articles.UpsertAsync([Article("cu", "Cà phê mùa trước", "<p>x</p>", Published.AddDays(-3)), Article("moi", "Cà phê mùa này", "<p>x</p>", Published.AddDays(-1))], CancellationToken.None);
        await SaveEntriesAsync(Entry("e", "Cà phê hôm nay", "<p>x</p>", Published.AddDays(-2)));

        Assert.Equal(["moi", "cu"], await FindAsync("ca phe", SearchScope.Archive));
        Assert.Equal(["https://nguon.example/e"], await FindAsync("ca phe", SearchScope.Related));
        Assert.Equal(["moi", "https://nguon.example/e", "cu"], await FindAsync("ca phe", SearchScope.All));
    }

    [DatabaseFact]
    public async Task Relevance_order_puts_a_title_match_before_a_passing_mention()
    {
        await _articles.UpsertAsync(
        [
            Article("nhac", "Hội nghị tổng kết năm", "<p>Trong phần phát biểu có nhắc tới sầu riêng.</p>", Published.AddDays(-1)),
            Article("tieu-de", "Sầu riêng Krông Pắc được mùa", "<p>Nhà vườn phấn khởi vì sầu riêng được giá.</p>", Published.AddDays(-5)),
        ], CancellationToken.None);

        var hits = await _search.SearchAsync(SearchQuery.Parse("sầu riêng"), SearchScope.Archive, SearchOrder.Relevance, 10, CancellationToken.None);

        Assert.Equal(["tieu-de", "nhac"], hits.Select(hit => hit.ArticleSlug));
        Assert.True(hits[0].Rank > hits[1].Rank);
        Assert.All(await _search.SearchAsync(SearchQuery.Parse("sầu riêng"), SearchScope.Archive, SearchOrder.Newest, 10, CancellationToken.None), hit => Assert.Null(hit.Rank));
    }

    [DatabaseFact]
    public async Task Hits_carry_a_snippet_in_the_original_spelling_and_the_entry_with_its_source()
    {
        await SaveEntriesAsync(Entry("e", "Tín dụng chính sách", "<p>Vốn vay giúp hộ nghèo ở <b>Krông Pắc</b>.</p>"));

        var hit = Assert.Single(await _search.SearchAsync(SearchQuery.Parse("krong pac"), SearchScope.Related, SearchOrder.Newest, 10, CancellationToken.None));

        Assert.Equal(SearchHitKind.Entry, hit.Kind);
        Assert.Equal("Vốn vay giúp hộ nghèo ở Krông Pắc.", hit.Snippet);
        Assert.Equal("Báo Nguồn", hit.Entry!.SourceTitle);
        Assert.Equal(Published, hit.Published);
    }

    public static TheoryData<string> HostileSearches() =>
    [
        "\"", "\"\"\"", "tin\"dung", "\"tin dung", "tin dung\"*", "NEAR(tin dung)", "NEAR(\"tin\" \"dung\", 2)", "tin NEAR dung",
        "*", "**", "tin**", "*tin", "t*", "-", "--tin", "- tin", "-tin", "tin -", "tin OR", "OR OR OR", "AND", "NOT tin", "tin NOT",
        "title:tin", "{title lead}:tin", "-title:tin", "body:", ":", "^tin", "tin^", "(", ")", "(tin", "tin)", "((((((tin", "+tin",
        "'; DROP TABLE articles; --", "rowid=1", "article_search", "\0", "tin\0dung", "\u0111\u0300", "\uD800", "😀 tín",
        "tín dụng " + new string('x', 2000), new string('a', 10 * 1024), string.Join(' ', Enumerable.Repeat("tin", 5000)),
        string.Join(" OR ", Enumerable.Repeat("dung", 30)), new string('"', 400), new string('(', 400),
    ];

    [DatabaseTheory]
    [MemberData(nameof(HostileSearches))]
    public async Task Hostile_searches_are_answered_or_refused_with_a_plain_message_never_failing_in_the_engine(string text)
    {
        await _articles.UpsertAsync([Article("von-vay", "Vốn tín dụng chính sách", "<p>Đắk Lắk</p>")], CancellationToken.None);
        await SaveEntriesAsync(Entry("e", "Tín dụng", "<p>Krông Pắc</p>"));

        SearchQuery query;
        try
        {
            query = SearchQuery.Parse(text);
        }
        catch (SearchQueryException refused)
        {
            Assert.False(string.IsNullOrWhiteSpace(refused.Message));
            return;
        }
        foreach (var scope in Enum.GetValues<SearchScope>())
        {
            foreach (var order in Enum.GetValues<SearchOrder>())
            {
                var exception = await Record.ExceptionAsync(() => _search.SearchAsync(query, scope, order, 20, CancellationToken.None));
                Assert.Null(exception);
            }
        }
    }
}

/// <summary>The contract on SQLite, and what only SQLite does: an index kept by triggers, whoever writes.</summary>
public sealed class SqliteSearchStoreTests : SearchStoreTests
{
    private readonly TemporaryDatabase _file;

    public SqliteSearchStoreTests()
        : this(new TemporaryDatabase())
    {
    }

    private SqliteSearchStoreTests(TemporaryDatabase file)
        : base(file)
    {
        _file = file;
    }

    [Fact]
    public async Task The_index_follows_rows_written_by_plain_sql()
    {
        await Articles.UpsertAsync([Article("mot", "Bài một", "<p>Nội dung.</p>")], CancellationToken.None);
        var sourceId = await SaveEntriesAsync(Entry("e", "Tin một", "<p>Tóm tắt.</p>"));

        await ExecuteAsync("UPDATE articles SET title = 'Lễ hội Cồng chiêng', lead = 'Buôn Ma Thuột', body_html = '<p>Nghệ nhân Ê Đê</p>'");
        await ExecuteAsync("UPDATE entries SET title = 'Tuyển sinh lớp 10', summary_html = NULL, content_html = '<p>Thi ba môn</p>'");
        Assert.Equal(["mot"], await FindAsync("cong chieng buon ma thuot nghe nhan"));
        Assert.Equal(["https://nguon.example/e"], await FindAsync("tuyen sinh thi ba mon"));
        Assert.Empty(await FindAsync("noi dung"));
        Assert.Empty(await FindAsync("tom tat"));

        await ExecuteAsync("""
            INSERT INTO entries (source_id, entry_key, stable_id, title, authors_json, categories_json, enclosures_json,
                sort_utc, first_seen_utc, last_seen_utc, content_hash)
            VALUES (@SourceId, 'k2', 'c7d1f0de-0000-4000-8000-000000000002', 'Sầu riêng Krông Pắc', '[]', '[]', '[]',
                '2026-11-20T00:00:00.0000000Z', '2026-11-20T00:00:00.0000000Z', '2026-11-20T00:00:00.0000000Z', 'x')
            """, new { SourceId = sourceId });
        Assert.Single(await FindAsync("sau rieng"));

        await ExecuteAsync("DELETE FROM entries");
        await ExecuteAsync("DELETE FROM articles");
        Assert.Empty(await FindAsync("sau rieng"));
        Assert.Empty(await FindAsync("cong chieng"));
        Assert.Empty(await FindAsync("tuyen sinh"));
    }

    [Fact]
    public async Task A_connection_without_the_search_function_cannot_change_articles_so_the_index_never_falls_behind()
    {
        await Articles.UpsertAsync([Article("mot", "Cà phê", "<p>Giá tăng.</p>")], CancellationToken.None);
        await using var plain = new SqliteConnection($"Data Source={_file.Database.Path}");
        await plain.OpenAsync();

        var error = await Assert.ThrowsAsync<SqliteException>(() => plain.ExecuteAsync("UPDATE articles SET title = 'Hồ tiêu'"));

        Assert.Contains("search_text", error.Message, StringComparison.Ordinal);
        Assert.Equal(["mot"], await FindAsync("ca phe"));
        Assert.Empty(await FindAsync("ho tieu"));
    }
}

[Collection(PostgresTests.Name)]
public sealed class PostgresSearchStoreTests(PostgresServer server) : SearchStoreTests(new PostgresTestDatabase(server));
