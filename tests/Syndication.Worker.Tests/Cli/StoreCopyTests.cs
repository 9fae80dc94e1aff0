using System.Net.Http.Headers;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Syndication.Core.Ingestion.Stories;
using Syndication.Testing;
using Syndication.Worker.Tests.Ingestion;
using Syndication.Worker.Tests.Ingestion.Polling;

namespace Syndication.Worker.Tests.Cli;

/// <summary>
/// <c>syndication store copy</c> as an operator runs it: a SQLite archive with articles, a correction, sources, entries,
/// polls, a partner and its usage, copied into an empty PostgreSQL database that then serves the same feed bytes.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class StoreCopyTests(PostgresServer server) : IAsyncLifetime
{
    private const string PublicBaseUrl = "https://bao.example.vn/";
    private const string Correction = "Đính chính: bài viết ghi nhầm số liệu giải ngân.";
    private readonly string _root = ServiceUnderTest.NewRoot();
    private LoopbackFeedServer _feeds = null!;
    private string _database = "";

    public async Task InitializeAsync()
    {
        _feeds = await LoopbackFeedServer.StartAsync();
        if (PostgresServer.SkipReason is null)
        {
            _database = await server.CreateDatabaseAsync();
        }
    }

    public async Task DisposeAsync()
    {
        await _feeds.DisposeAsync();
        ServiceUnderTest.DeleteRoot(_root);
    }

    private string SqlitePath => Path.Combine(_root, "data", "syndication.db");

    private Task<CliProcess.Result> CopyAsync(string to) =>
        CliProcess.RunAsync(_root, new Dictionary<string, string> { ["Syndication__Database"] = SqlitePath }, "store", "copy", "--to", to);

    private static async Task<(byte[] Body, string? ETag)> SiteFeedAsync(ServiceUnderTest service)
    {
        using var response = await service.Client.GetAsync("feeds/rss.xml");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsByteArrayAsync(), response.Headers.ETag?.Tag);
    }

    [DatabaseFact]
    public async Task A_sqlite_archive_is_copied_whole_into_an_empty_postgres_database_and_serves_the_same_feed()
    {
        _feeds.ServeFeed("/nguon-0/rss", NewsFeedFixture.Rss(0, 5), "application/rss+xml", etag: "\"a\"");
        _feeds.ServeFeed("/nguon-1/rss", NewsFeedFixture.Rss(1, 5), "application/rss+xml", etag: "\"b\"");
        await using (var sqlite = await ServiceUnderTest.StartWithSourcesAsync(_root, [_feeds.Url("/nguon-0/rss"), _feeds.Url("/nguon-1/rss")],
            "--Syndication:Ingestion:Enabled", "false", "--Syndication:PublicBaseUrl", PublicBaseUrl))
        {
            await sqlite.PollAllSourcesAsync();
            var key = await sqlite.AddPartnerAsync("Đối tác chuyển kho", ["feeds"]);
            using var request = new HttpRequestMessage(HttpMethod.Get, "partners/feeds/rss.xml");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var partnerResponse = await sqlite.Client.SendAsync(request);
            partnerResponse.EnsureSuccessStatusCode();
        }
        // A correction, as the CMS stores it.
        await using (var file = new SqliteConnection($"Data Source={SqlitePath};Pooling=False"))
        {
            await file.ExecuteAsync("""
                UPDATE articles SET correction_text = @Correction, correction_utc = '2024-09-22T01:00:00.0000000Z'
                WHERE id = (SELECT min(id) FROM articles);
                UPDATE archive_state SET revision = revision + 1;
                """, new { Correction });
        }
        (byte[] Body, string? ETag) fromSqlite;
        await using (var sqlite = await ServiceUnderTest.StartAsync(_root, "--Syndication:Ingestion:Enabled", "false", "--Syndication:PublicBaseUrl", PublicBaseUrl,
            "--Syndication:Ingestion:SourcesOpml", ""))
        {
            fromSqlite = await SiteFeedAsync(sqlite);
        }

        var copied = await CopyAsync(_database);

        Assert.True(copied.ExitCode == 0, copied.Output + copied.Error);
        Assert.Contains("every count checked", copied.Output);
        await using var sqliteFile = new SqliteConnection($"Data Source={SqlitePath};Pooling=False");
        await using var postgres = new NpgsqlConnection(_database);
        var tables = (await postgres.QueryAsync<string>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")).ToList();
        // PostgreSQL's band index holds every signed entry's bands (the file keeps them in runs and signatures too).
        var signed = await sqliteFile.QueryAsync<(long Id, byte[] Hashes)>(
            "SELECT id, story_hashes FROM entries WHERE story_hashes IS NOT NULL AND story_shingles >= @Minimum", new { Minimum = StorySignature.MinimumShingles });
        var bands = signed.SelectMany(entry => StorySignature.StoredBands(entry.Hashes).Select(band => (band, entry.Id))).Distinct().Order().ToList();
        Assert.NotEmpty(bands);
        Assert.Equal(bands, (await postgres.QueryAsync<(long, long)>("SELECT band, entry_id FROM entry_story_bands ORDER BY band, entry_id")).ToList());
        foreach (var table in tables.Except(["schema_version", "article_search", "entry_search", "job_leases", "partner_windows", "storage_probe", "entry_story_bands"]))
        {
            Assert.Equal((table, await sqliteFile.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}")),
                (table, await postgres.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}")));
        }
        Assert.Equal(10, await postgres.ExecuteScalarAsync<long>("SELECT count(*) FROM entries"));
        Assert.Equal(1, await postgres.ExecuteScalarAsync<long>("SELECT count(*) FROM partner_usage WHERE requests = 1"));
        Assert.Equal(Correction, await postgres.ExecuteScalarAsync<string>("SELECT correction_text FROM articles WHERE correction_utc IS NOT NULL"));

        // The PostgreSQL node serves the same bytes under the same ETag, finds what search found, and writes new rows.
        var nodeRoot = ServiceUnderTest.NewRoot();
        await using (var node = await ServiceUnderTest.StartAsync(nodeRoot, "--Syndication:Postgres", _database,
            "--Syndication:Ingestion:Enabled", "false", "--Syndication:PublicBaseUrl", PublicBaseUrl, "--Syndication:Ingestion:SourcesOpml", ""))
        {
            var fromPostgres = await SiteFeedAsync(node);
            Assert.Equal(fromSqlite.ETag, fromPostgres.ETag);
            Assert.Equal(fromSqlite.Body, fromPostgres.Body);
            Assert.Contains(Correction, System.Text.Encoding.UTF8.GetString(fromPostgres.Body));
            var found = await node.Client.GetStringAsync("search?q=t%C3%ADn+d%E1%BB%A5ng");
            Assert.Contains("Tin 0 của nguồn 1", found);
            await node.AddPartnerAsync("Đối tác mới", ["feeds"]);
        }
        ServiceUnderTest.DeleteRoot(nodeRoot);

        var again = await CopyAsync(_database);
        Assert.Equal(4, again.ExitCode);
        Assert.Contains("is not empty", again.Error);
        Assert.DoesNotContain("Password", again.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_target_that_is_not_a_connection_string_is_refused_naming_the_option()
    {
        var refused = await CopyAsync("postgres://somewhere/db");

        Assert.Equal(4, refused.ExitCode);
        Assert.Contains("--to is not a PostgreSQL connection string", refused.Error);
        Assert.DoesNotContain("somewhere", refused.Error);
    }
}
