using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.Http;
using Npgsql;
using Syndication.Testing;
using Syndication.Worker.Tests.Ingestion;
using Syndication.Worker.Tests.Ingestion.Polling;

namespace Syndication.Worker.Tests.Cluster;

/// <summary>
/// Two real <c>syndication serve</c> processes on one PostgreSQL database and one loopback server of 50 feeds: each
/// due source is fetched by one node, and when a node is killed (kill -9) while polling, the other polls its sources
/// once their leases run out, storing no entry twice.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class ClusterProcessTests(PostgresServer server) : IAsyncLifetime
{
    private const int Sources = 50;
    // Long enough that a node's first polls, slowed by start-up work on a machine with both cores busy, renew their
    // leases in time (renewed every third of it); at 3 s a loaded run once saw two sources fetched by both nodes.
    private const int LeaseSeconds = 10;
    private readonly string _root = ServiceUnderTest.NewRoot();
    private readonly ConcurrentDictionary<string, int> _served = new(StringComparer.Ordinal);
    private LoopbackFeedServer _feeds = null!;
    private string _database = "";
    private volatile int _items = 10;
    // Second round: node B's fetches stall until it dies, node A's take a moment, so B surely holds some leases.
    private volatile bool _stallB;

    public async Task InitializeAsync()
    {
        _feeds = await LoopbackFeedServer.StartAsync();
        var urls = new List<Uri>();
        for (var i = 0; i < Sources; i++)
        {
            var path = $"/nguon-{i}/rss";
            var source = i;
            _feeds.Map(path, context => ServeAsync(context, path, source));
            urls.Add(_feeds.Url(path));
        }
        await File.WriteAllTextAsync(Path.Combine(_root, "sources.opml"), NewsFeedFixture.Opml(urls));
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

    private async Task ServeAsync(HttpContext context, string path, int source)
    {
        var agent = context.Request.Headers.UserAgent.ToString();
        if (_stallB && agent.Contains("nut-b", StringComparison.Ordinal))
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        if (_stallB)
        {
            await Task.Delay(200, context.RequestAborted);
        }
        var items = _items;
        var etag = $"\"v{items}-{source}\"";
        if (context.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
        }
        else
        {
            context.Response.ContentType = "application/rss+xml; charset=utf-8";
            context.Response.Headers.ETag = etag;
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(NewsFeedFixture.Rss(source, items)), context.RequestAborted);
        }
        _served.AddOrUpdate(path, 1, (_, count) => count + 1);
    }

    private CliProcess.Running StartNode(string name) =>
        CliProcess.Start(_root, new Dictionary<string, string>
        {
            ["Syndication__Postgres"] = _database,
            ["Syndication__NodeName"] = name,
            ["Syndication__PublicBaseUrl"] = "https://bao.example.vn/",
            ["Syndication__SeedsPath"] = Path.Combine(_root, "seeds"),
            ["Syndication__ImportSeedsOnStart"] = "false",
            ["Syndication__Ingestion__SourcesOpml"] = Path.Combine(_root, "sources.opml"),
            ["Syndication__Ingestion__AllowPrivateNetworks"] = "true",
            ["Syndication__Ingestion__UserAgent"] = $"SyndicationTest/1 ({name})",
            ["Syndication__Ingestion__LeaseSeconds"] = LeaseSeconds.ToString(CultureInfo.InvariantCulture),
            ["Syndication__Ingestion__CheckSeconds"] = "1",
        }, "serve", "--urls", "http://127.0.0.1:0");

    private async Task<T> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(_database);
        return await connection.ExecuteScalarAsync<T>(sql, parameters) ?? throw new InvalidOperationException(sql);
    }

    private int Served(int source) => _served.TryGetValue($"/nguon-{source}/rss", out var count) ? count : 0;

    private static string Text(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    [DatabaseFact]
    public async Task Each_due_source_is_fetched_by_one_node_and_a_killed_nodes_sources_are_polled_by_the_other_once_its_leases_end()
    {
        await using var a = StartNode("nut-a");
        await using var b = StartNode("nut-b");
        await Task.WhenAll(
            a.WaitForOutputAsync(line => line.Contains("Now listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(90)),
            b.WaitForOutputAsync(line => line.Contains("Now listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(90)));

        // First due time: every new source, fetched once across the two nodes, and every lease ended.
        await Eventually.TrueAsync(async () => await QueryAsync<long>(
            "SELECT count(*) FROM sources WHERE last_poll_utc IS NOT NULL AND lease_owner IS NULL") == Sources, "every source polled once");
        Assert.All(Enumerable.Range(0, Sources), source => Assert.Equal(1, Served(source)));
        Assert.Equal(Sources * 10, await QueryAsync<long>("SELECT count(*) FROM entries"));

        // Second due time: every feed has one more item; B stalls on whatever it claims and is killed while holding it.
        _items = 11;
        _stallB = true;
        var second = DateTimeOffset.UtcNow;
        await QueryAsync<long>("UPDATE sources SET next_poll_utc = @Now RETURNING 0", new { Now = Text(second) });
        var heldByB = await Eventually.ValueAsync(
            () => QueryAsync<long>("SELECT count(*) FROM sources WHERE lease_owner LIKE 'nut-b/%'"), held => held > 0, "node B holds leases");
        await Eventually.TrueAsync(async () => await QueryAsync<long>(
                "SELECT count(*) FROM sources WHERE last_poll_utc >= @Second", new { Second = Text(second) }) + heldByB == Sources,
            "node A polled every source that B does not hold");
        await using var connection = new NpgsqlConnection(_database);
        var held = (await connection.QueryAsync<string>(
            "SELECT url FROM sources WHERE lease_owner LIKE 'nut-b/%'")).Select(url => int.Parse(url.Split('/')[3]["nguon-".Length..], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(heldByB, held.Count);
        Assert.All(held, source => Assert.Equal(1, Served(source)));
        await b.KillAsync();
        var killed = DateTimeOffset.UtcNow;

        await Eventually.TrueAsync(async () => await QueryAsync<long>(
            "SELECT count(*) FROM sources WHERE last_poll_utc >= @Second AND lease_owner IS NULL", new { Second = Text(second) }) == Sources,
            "node A polled the killed node's sources");
        // A took them only when B's leases ended, at most LeaseSeconds after the kill (B renewed them until it died).
        var polledAfter = await QueryAsync<string>(
            $"SELECT min(last_poll_utc) FROM sources WHERE {string.Join(" OR ", held.Select(source => $"url LIKE '%/nguon-{source}/rss'"))}");
        Assert.True(string.CompareOrdinal(polledAfter, Text(killed)) > 0, $"polled at {polledAfter}, killed at {Text(killed)}");
        // Each source answered once per due time (B's stalled fetches were never answered), and no entry is stored twice.
        Assert.All(Enumerable.Range(0, Sources), source => Assert.Equal(2, Served(source)));
        Assert.Equal(Sources * 11, await QueryAsync<long>("SELECT count(*) FROM entries"));
        Assert.Equal(Sources * 11, await QueryAsync<long>("SELECT count(DISTINCT (source_id, entry_key)) FROM entries"));
        Assert.Equal(0, await QueryAsync<long>("SELECT count(*) FROM sources WHERE entry_count <> 11"));
        Assert.False(a.HasExited);
    }
}
