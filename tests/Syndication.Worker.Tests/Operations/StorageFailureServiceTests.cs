using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Syndication.Worker.Tests.Operations;

/// <summary>
/// The service meeting storage trouble while it runs: a writer that cannot get the lock, a full database, a file damaged
/// under it. Each request answers a problem document (never an empty 500), and /readyz reports the trouble until it passes.
/// </summary>
[Collection(SerialOperations.Name)]
public sealed class StorageFailureServiceTests : IAsyncLifetime
{
    private readonly string _root = ServiceUnderTest.NewRoot();
    private ServiceUnderTest? _service;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
        ServiceUnderTest.DeleteRoot(_root);
    }

    private async Task<(ServiceUnderTest Service, string Key)> StartAsync(params string[] args)
    {
        _service = await ServiceUnderTest.StartAsync(_root, ["--Syndication:Ingestion:Enabled", "false", .. args]);
        return (_service, await _service.AddPartnerAsync("CMS", ["admin"]));
    }

    private static Task<HttpResponseMessage> PutAsync(ServiceUnderTest service, string key, string slug, int bodyBytes = 100)
    {
        var body = "<p>" + string.Concat(Enumerable.Range(0, Math.Max(1, bodyBytes / 60)).Select(i => $"Đoạn văn thứ {i} về cà phê Đắk Lắk. ")) + "</p>";
        var json = JsonSerializer.Serialize(new { title = $"Bài {slug}", published = "2025-03-10T08:00:00+07:00", body });
        var request = new HttpRequestMessage(HttpMethod.Put, $"api/articles/{slug}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return service.Client.SendAsync(request);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static async Task<string> ReadinessOfDatabaseAsync(ServiceUnderTest service)
    {
        using var response = await service.Client.GetAsync("readyz");
        var database = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("database");
        return $"{(int)response.StatusCode} {database.GetProperty("description").GetString()}";
    }

    [Fact]
    public async Task A_writer_that_cannot_get_the_lock_in_time_gets_503_with_retry_after_and_a_problem_document()
    {
        var (service, key) = await StartAsync("--Syndication:BusyTimeoutMs", "300");
        await using (var blocker = new SqliteConnection($"Data Source={service.DatabasePath};Pooling=False"))
        {
            await blocker.OpenAsync();
            await using var hold = blocker.CreateCommand();
            hold.CommandText = "BEGIN IMMEDIATE";
            await hold.ExecuteNonQueryAsync();

            using var blocked = await PutAsync(service, key, "bai-bi-chan");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, blocked.StatusCode);
            Assert.NotNull(blocked.Headers.RetryAfter?.Delta);
            Assert.Equal(503, (await ProblemAsync(blocked)).GetProperty("status").GetInt32());
            hold.CommandText = "ROLLBACK";
            await hold.ExecuteNonQueryAsync();
        }

        using var after = await PutAsync(service, key, "bai-bi-chan");

        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
    }

    [Fact]
    public async Task A_full_database_answers_507_and_readiness_503_until_deleting_frees_space()
    {
        var (service, key) = await StartAsync("--Syndication:MaxDatabaseMegabytes", "2");
        var stored = new List<string>();
        HttpResponseMessage? full = null;
        // Large articles until one does not fit, then small ones until none does: what room is left is then less than
        // the readiness probe's 256 KB write, whatever the schema's own pages take.
        foreach (var bodyBytes in new[] { 20_000, 1_000 })
        {
            full?.Dispose();
            full = null;
            for (var i = 0; i < 400 && full is null; i++)
            {
                var slug = $"bai-lap-day-{bodyBytes}-{i}";
                var response = await PutAsync(service, key, slug, bodyBytes: bodyBytes);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    stored.Add(slug);
                    response.Dispose();
                }
                else
                {
                    full = response;
                }
            }
        }

        Assert.NotNull(full);
        Assert.Equal(HttpStatusCode.InsufficientStorage, full.StatusCode);
        var problem = await ProblemAsync(full);
        Assert.Equal(507, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain(service.DatabasePath, problem.ToString());
        Assert.StartsWith("503 storage failure since ", await ReadinessOfDatabaseAsync(service), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("feeds/rss.xml")).StatusCode);

        // Space returns: deleting articles frees pages inside the size limit until the probe's write fits again; nobody
        // restarts anything.
        var deletedCount = 0;
        foreach (var slug in stored)
        {
            var request = new HttpRequestMessage(HttpMethod.Delete, $"api/articles/{slug}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var deleted = await service.Client.SendAsync(request);
            Assert.True(deleted.StatusCode == HttpStatusCode.NoContent, await deleted.Content.ReadAsStringAsync());
            deletedCount++;
            if (await ReadinessOfDatabaseAsync(service) == "200 writable")
            {
                break;
            }
        }

        Assert.True(deletedCount < stored.Count, $"readiness stayed 503 after deleting all {stored.Count} articles");
        Assert.Equal("200 writable", await ReadinessOfDatabaseAsync(service));
        using var again = await PutAsync(service, key, "bai-sau-khi-don");
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task A_file_damaged_while_serving_answers_503_problems_and_readiness_stays_503()
    {
        var (service, _) = await StartAsync();
        await using (var connection = new SqliteConnection($"Data Source={service.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync();
        }
        var length = new FileInfo(service.DatabasePath).Length;
        await using (var file = new FileStream(service.DatabasePath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            file.Position = 8 * 4096;
            await file.WriteAsync(Enumerable.Repeat((byte)0xA5, (int)length - (8 * 4096)).ToArray());
        }
        // Connections opened before kept pages in memory; new ones read the damaged file.
        SqliteConnection.ClearAllPools();

        using var feed = await service.Client.GetAsync("feeds/atom.xml?page=1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, feed.StatusCode);
        Assert.Equal("Storage is failing", (await ProblemAsync(feed)).GetProperty("title").GetString());
        var readiness = await ReadinessOfDatabaseAsync(service);
        Assert.StartsWith("503 storage failure since ", readiness, StringComparison.Ordinal);
        Assert.Contains("restore a backup", readiness);
        Assert.StartsWith("503 ", await ReadinessOfDatabaseAsync(service), StringComparison.Ordinal);
    }
}
