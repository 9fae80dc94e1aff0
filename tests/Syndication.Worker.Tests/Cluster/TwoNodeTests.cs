using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Syndication.Testing;

namespace Syndication.Worker.Tests.Cluster;

/// <summary>
/// Two real hosts (each on its own loopback port) on one PostgreSQL database: both ready, a CMS write through one is
/// in the other's feed, and both serve the same bytes under the same ETag, so either answers the other's 304.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class TwoNodeTests(PostgresServer server) : IAsyncLifetime
{
    private readonly string _rootA = ServiceUnderTest.NewRoot();
    private readonly string _rootB = ServiceUnderTest.NewRoot();
    // Behind one load balancer every node names the same public address, so their feeds can be byte-identical.
    private const string PublicBaseUrl = "https://bao.example.vn/";

    private string _database = "";
    private ServiceUnderTest? _a;
    private ServiceUnderTest? _b;

    public async Task InitializeAsync()
    {
        if (PostgresServer.SkipReason is not null)
        {
            return;
        }
        var database = _database = await server.CreateDatabaseAsync();
        _a = await ServiceUnderTest.StartAsync(_rootA, "--Syndication:NodeName", "nut-a", "--Syndication:Postgres", database, "--Syndication:PublicBaseUrl", PublicBaseUrl);
        _b = await ServiceUnderTest.StartAsync(_rootB, "--Syndication:NodeName", "nut-b", "--Syndication:Postgres", database, "--Syndication:PublicBaseUrl", PublicBaseUrl);
    }

    public async Task DisposeAsync()
    {
        if (_a is not null)
        {
            await _a.DisposeAsync();
        }
        if (_b is not null)
        {
            await _b.DisposeAsync();
        }
        ServiceUnderTest.DeleteRoot(_rootA);
        ServiceUnderTest.DeleteRoot(_rootB);
    }

    [DatabaseFact]
    public async Task Both_nodes_are_ready_on_postgres()
    {
        foreach (var node in new[] { _a!, _b! })
        {
            using var ready = await node.Client.GetAsync("readyz");
            Assert.True(ready.StatusCode == HttpStatusCode.OK, await ready.Content.ReadAsStringAsync());
        }
    }

    [DatabaseFact]
    public async Task Each_nodes_metrics_carry_its_name()
    {
        var a = await _a!.Client.GetStringAsync("metrics");
        var b = await _b!.Client.GetStringAsync("metrics");

        Assert.Equal(1, Operations.PrometheusText.Value(a, "syndication_node", "node=\"nut-a\""));
        // Both hosts run in this one test process, where OpenTelemetry listens to every meter of the name, so A's scrape
        // may show B's series too; what each must show is its own.
        Assert.Equal(1, Operations.PrometheusText.Value(b, "syndication_node", "node=\"nut-b\""));
        Assert.Null(Operations.PrometheusText.Value(a, "syndication_node", "node=\"nut-c\""));
    }

    [DatabaseFact]
    public async Task A_put_through_one_node_is_in_the_other_nodes_feed_with_the_same_etag()
    {
        var key = await _a!.AddPartnerAsync("CMS tòa soạn", ["admin"]);
        using var put = new HttpRequestMessage(HttpMethod.Put, "api/articles/cum-may-chu-hai-nut")
        {
            Content = new StringContent(
                """{"title": "Hai nút cùng một kho", "published": "2024-09-21T08:00:00+07:00", "body": "<p>Viết qua nút A.</p>", "section": "Văn hóa"}""",
                Encoding.UTF8, "application/json"),
        };
        put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var created = await _a.Client.SendAsync(put);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        await Eventually.TrueAsync(async () => (await _b!.Client.GetStringAsync("feeds/rss.xml")).Contains("Hai nút cùng một kho", StringComparison.Ordinal),
            "node B's feed holds the article written through node A");
        using var fromA = await _a.Client.GetAsync("feeds/rss.xml");
        using var fromB = await _b!.Client.GetAsync("feeds/rss.xml");
        Assert.NotNull(fromA.Headers.ETag);
        Assert.Equal(fromA.Headers.ETag, fromB.Headers.ETag);
        Assert.Equal(await fromA.Content.ReadAsByteArrayAsync(), await fromB.Content.ReadAsByteArrayAsync());

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "feeds/rss.xml");
        conditional.Headers.IfNoneMatch.Add(fromA.Headers.ETag!);
        using var notModified = await _b.Client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [DatabaseFact]
    public async Task A_partners_rate_holds_for_the_cluster_and_its_usage_adds_up_exactly()
    {
        var key = await _a!.AddPartnerAsync("Đối tác hai nút", ["feeds"], requestsPerMinute: 60);
        var statuses = new List<HttpStatusCode>();
        TimeSpan? retryAfter = null;
        // 100 requests within the minute, alternating between the nodes as a load balancer would.
        for (var i = 0; i < 100; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "partners/feeds/rss.xml");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var response = await (i % 2 == 0 ? _a : _b!).Client.SendAsync(request);
            statuses.Add(response.StatusCode);
            retryAfter ??= response.Headers.RetryAfter?.Delta;
        }

        Assert.Equal(60, statuses.Count(status => status == HttpStatusCode.OK));
        Assert.Equal(40, statuses.Count(status => status == HttpStatusCode.TooManyRequests));
        // The first 60 pass and every later one is refused, on either node.
        Assert.All(statuses.Take(60), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.True(retryAfter is { } wait && wait > TimeSpan.Zero && wait <= TimeSpan.FromSeconds(60), $"Retry-After {retryAfter}");

        // Each node adds its own counts at its flush (the last at stop): together, every request exactly once.
        await _a.StopAsync();
        await _b!.StopAsync();
        await using var database = new Storage.Postgres.PostgresDatabase(_database);
        var usage = await new Storage.Partners.PartnerStore(database, TimeProvider.System).GetUsageAsync(DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)), CancellationToken.None);
        var counted = Assert.Single(usage, row => row.PartnerName == "Đối tác hai nút");
        Assert.Equal((100, 40), (counted.Requests, counted.Throttled));
    }
}
