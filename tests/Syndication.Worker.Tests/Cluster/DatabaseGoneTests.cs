using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Syndication.Testing;

namespace Syndication.Worker.Tests.Cluster;

/// <summary>
/// A node whose PostgreSQL server goes away (stopped at once, as a crash or a cut network): it says so on /readyz,
/// answers writes with 503 problems rather than 500s, keeps serving the feeds it holds, and recovers by itself when
/// the server is back. A server of its own: stopping the shared one would break the other tests.
/// </summary>
public sealed class DatabaseGoneTests : IAsyncLifetime
{
    private readonly PostgresServer _server = new();
    private readonly string _root = ServiceUnderTest.NewRoot();
    private bool _stopped;

    public Task InitializeAsync() => _server.InitializeAsync();

    public async Task DisposeAsync()
    {
        try
        {
            await _server.DisposeAsync();
        }
        catch (InvalidOperationException) when (_stopped)
        {
            // The test ended with the server stopped; its folder is removed all the same.
        }
        ServiceUnderTest.DeleteRoot(_root);
    }

    private static async Task<HttpStatusCode> StatusAsync(ServiceUnderTest node, string path)
    {
        using var response = await node.Client.GetAsync(path);
        return response.StatusCode;
    }

    private static string Article(string title) =>
        JsonSerializer.Serialize(new { title, published = "2026-12-01T08:00:00+07:00", body = "<p>Nội dung bài viết về mùa cà phê ở Đắk Lắk.</p>" });

    /// <summary>What the feed showed beside what the database holds and what the node reads, for a failure message.</summary>
    private static string Diagnose(ServiceUnderTest node, string database, string seen)
    {
        string read;
        try
        {
            var revisions = node.Services.GetRequiredService<Storage.Articles.ArticleStore>().GetRevisionsAsync(CancellationToken.None).GetAwaiter().GetResult();
            read = $"the node's store reads revision {revisions.Articles}";
        }
        catch (Exception error)
        {
            read = $"the node's store cannot read the revision: {error.GetType().Name}: {error.Message}";
        }
        var status = seen[..seen.IndexOf(':')];
        var titles = string.Join(" | ", System.Xml.Linq.XDocument.Parse(seen[(status.Length + 2)..]).Descendants("item").Select(item => (string?)item.Element("title")));
        string held;
        try
        {
            // A connection of its own, not from the pool: pooled ones opened before the outage are broken.
            using var connection = new Npgsql.NpgsqlConnection(Unpooled(database));
            connection.Open();
            using var command = new Npgsql.NpgsqlCommand(
                "SELECT (SELECT revision FROM archive_state WHERE id = 1) || ': ' || string_agg(slug || ' ' || updated_utc, ', ' ORDER BY id) FROM articles", connection);
            held = $"the database holds revision {command.ExecuteScalar()}";
        }
        catch (Npgsql.NpgsqlException error)
        {
            held = $"the database cannot be read: {error.Message}";
        }
        return $"feed {status} with [{titles}]; {held}; {read}";
    }

    /// <summary>A CMS key, and the site feed once an article put through it is there.</summary>
    private static async Task<(string Key, string Feed)> ArticleBeforeTheOutageAsync(ServiceUnderTest node)
    {
        var key = await node.AddPartnerAsync("CMS", ["admin"]);
        await PutAsync(node, key, "truoc-khi-mat", "Trước khi mất kết nối");
        var feed = await node.Client.GetStringAsync("feeds/rss.xml");
        Assert.Contains("Trước khi mất kết nối", feed);
        return (key, feed);
    }

    private static async Task PutAsync(ServiceUnderTest node, string key, string slug, string title)
    {
        using var response = await node.SendAsync(HttpMethod.Put, "api/articles/" + slug, key, Article(title));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Once the node is ready again, a write through it reaches its site feed; the feed as last seen.</summary>
    private static async Task<string> WriteAfterRecoveryIsInTheFeedAsync(ServiceUnderTest node, string key, string database)
    {
        await Eventually.TrueAsync(async () => await StatusAsync(node, "readyz") == HttpStatusCode.OK, "readiness 200 once the database is back");
        await PutAsync(node, key, "sau-khi-co-lai", "Sau khi có lại kết nối");
        var last = "";
        await Eventually.TrueAsync(async () =>
        {
            using var response = await node.Client.GetAsync("feeds/rss.xml");
            last = $"{(int)response.StatusCode} ETag {response.Headers.ETag}: {await response.Content.ReadAsStringAsync()}";
            return last.Contains("Sau khi có lại kết nối", StringComparison.Ordinal);
        }, "the write after recovery in the feed", onTimeout: () => Diagnose(node, database, last));
        return last;
    }

    private static string Unpooled(string database) => new Npgsql.NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString;

    /// <summary>Runs SQL on a connection of its own, beside the node's.</summary>
    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Unpooled(database));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [DatabaseFact]
    public async Task Readiness_turns_503_writes_get_503_problems_feeds_keep_serving_and_all_recovers_when_the_server_returns()
    {
        var database = await _server.CreateDatabaseAsync();
        await using var node = await ServiceUnderTest.StartAsync(_root, "--Syndication:Postgres", database, "--Syndication:Ingestion:Enabled", "false");
        var (key, feed) = await ArticleBeforeTheOutageAsync(node);
        // The key and the article are written out first: this server acknowledges commits before writing them, and a
        // quick run reaches the stop within the WAL writer's delay, so the restarted server came back without the key.
        await ExecuteAsync(database, "CHECKPOINT");

        await _server.KillAsync();
        _stopped = true;

        await Eventually.TrueAsync(async () => await StatusAsync(node, "readyz") == HttpStatusCode.ServiceUnavailable, "readiness 503 without the database");
        using (var write = await node.SendAsync(HttpMethod.Put, "api/articles/khi-mat", key, Article("Khi mất kết nối")))
        {
            var problem = await write.Content.ReadAsStringAsync();
            Assert.True(write.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)write.StatusCode}: {problem}");
            Assert.Equal("application/problem+json", write.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("   at ", problem);
            Assert.DoesNotContain("Password", problem, StringComparison.OrdinalIgnoreCase);
        }
        // The feed it has rendered is still served (to a reader that is better than an error); nothing answers 500.
        using (var served = await node.Client.GetAsync("feeds/rss.xml"))
        {
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal(feed, await served.Content.ReadAsStringAsync());
        }
        foreach (var path in new[] { "", "articles/truoc-khi-mat", "search?q=c%C3%A0+ph%C3%AA", "feeds/atom.xml" })
        {
            Assert.NotEqual(HttpStatusCode.InternalServerError, await StatusAsync(node, path));
        }

        await _server.StartServerAsync();
        _stopped = false;

        await WriteAfterRecoveryIsInTheFeedAsync(node, key, database);
    }

    /// <summary>
    /// The server comes back without the last commit the node saw (a crash loses commits not yet flushed — this test
    /// server runs with synchronous_commit off, as many do — and a failover lands on a standby that had not received
    /// them): the next write moves the revision to the number the lost one had. The node must not take its feed of that
    /// number for current. The loss is made here by undoing the commit before the stop, durably, so it happens every run.
    /// </summary>
    [DatabaseFact]
    public Task A_write_after_the_server_came_back_without_the_last_commit_is_in_the_feed() =>
        WriteAfterLostCommitIsInTheFeedAsync(pooled: true, readDuringOutage: true);

    /// <summary>
    /// The same loss, but the server is back before the node made any call: no call failed, so the node saw no
    /// interruption (its connections are not pooled, so none is left broken to fail after the restart either). It must
    /// still tell the server's new run from the old one.
    /// </summary>
    [DatabaseFact]
    public Task A_write_after_a_restart_no_call_of_the_node_met_is_in_the_feed() =>
        WriteAfterLostCommitIsInTheFeedAsync(pooled: false, readDuringOutage: false);

    private async Task WriteAfterLostCommitIsInTheFeedAsync(bool pooled, bool readDuringOutage)
    {
        var database = await _server.CreateDatabaseAsync();
        await using var node = await ServiceUnderTest.StartAsync(_root,
            "--Syndication:Postgres", pooled ? database : Unpooled(database), "--Syndication:Ingestion:Enabled", "false");
        var (key, feed) = await ArticleBeforeTheOutageAsync(node);
        await ExecuteAsync(database, """
            SET synchronous_commit = on;
            BEGIN;
            DELETE FROM articles WHERE slug = 'truoc-khi-mat';
            UPDATE archive_state SET revision = revision - 1 WHERE id = 1;
            COMMIT;
            """);

        await _server.KillAsync();
        _stopped = true;
        if (readDuringOutage)
        {
            // A reader during the outage gets the feed the node holds.
            Assert.Equal(feed, await node.Client.GetStringAsync("feeds/rss.xml"));
        }
        await _server.StartServerAsync();
        _stopped = false;

        var last = await WriteAfterRecoveryIsInTheFeedAsync(node, key, database);
        Assert.DoesNotContain("Trước khi mất kết nối", last);
    }
}
