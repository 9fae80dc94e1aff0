using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Syndication.Worker.Tests.Operations;

/// <summary>/healthz and /readyz on the real service over a real SQLite file.</summary>
[Collection(SerialOperations.Name)]
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Liveness_is_healthy_while_serving()
    {
        await using var service = await ServiceUnderTest.StartAsync();

        using var response = await service.Client.GetAsync("healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await StatusAsync(response));
    }

    [Fact]
    public async Task Readiness_is_healthy_with_database_migrations_and_scheduler_each_named()
    {
        await using var service = await ServiceUnderTest.StartAsync();

        using var response = await service.Client.GetAsync("readyz");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var checks = JsonDocument.Parse(body).RootElement.GetProperty("checks");
        Assert.All(["database", "migrations", "scheduler"], name => Assert.Equal("Healthy", checks.GetProperty(name).GetProperty("status").GetString()));
    }

    /// <summary>
    /// "Unwritable" is made by another connection holding the write lock: permissions cannot do it, because CI runs
    /// as root and root writes through chmod. A held lock is also what a stuck writer or a copy tool does in practice.
    /// A lock held for a moment is a long write (a poll storing 2,000 entries), which the node serves through: degraded,
    /// still 200; held past <c>ReadyLockHeldSeconds</c>, the node is not ready.
    /// </summary>
    [Fact]
    public async Task Readiness_is_degraded_while_another_writer_holds_the_lock_then_503_naming_it_and_recovers_after()
    {
        await using var service = await ServiceUnderTest.StartWithAsync("--Syndication:ReadyLockHeldSeconds", "2");
        await using (var blocker = new SqliteConnection($"Data Source={service.DatabasePath};Pooling=False"))
        {
            await blocker.OpenAsync();
            await using var holdLock = blocker.CreateCommand();
            holdLock.CommandText = "BEGIN EXCLUSIVE;";
            await holdLock.ExecuteNonQueryAsync();

            using var busy = await service.Client.GetAsync("readyz");

            var busyBody = await busy.Content.ReadAsStringAsync();
            Assert.True(busy.StatusCode == HttpStatusCode.OK, busyBody);
            var busyCheck = JsonDocument.Parse(busyBody).RootElement.GetProperty("checks").GetProperty("database");
            Assert.Equal("Degraded", busyCheck.GetProperty("status").GetString());
            Assert.Contains("busy", busyCheck.GetProperty("description").GetString(), StringComparison.Ordinal);

            var body = await Eventually.ValueAsync(
                async () =>
                {
                    using var blocked = await service.Client.GetAsync("readyz");
                    return blocked.StatusCode == HttpStatusCode.ServiceUnavailable ? await blocked.Content.ReadAsStringAsync() : null;
                },
                answer => answer is not null,
                "/readyz answering 503 once the lock has been held past ReadyLockHeldSeconds");

            var database = JsonDocument.Parse(body!).RootElement.GetProperty("checks").GetProperty("database");
            Assert.Equal("Unhealthy", database.GetProperty("status").GetString());
            Assert.Contains("not writable", database.GetProperty("description").GetString(), StringComparison.Ordinal);
            await using var release = blocker.CreateCommand();
            release.CommandText = "ROLLBACK;";
            await release.ExecuteNonQueryAsync();
        }

        using var recovered = await service.Client.GetAsync("readyz");

        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.Equal("Healthy", await StatusAsync(recovered));
    }

    [Theory]
    [InlineData("PUT", "healthz")]
    [InlineData("POST", "readyz")]
    [InlineData("PUT", "metrics")]
    [InlineData("DELETE", "metrics")]
    public async Task Probes_and_metrics_answer_405_to_methods_other_than_get_and_head(string method, string path)
    {
        await using var service = await ServiceUnderTest.StartAsync();

        using var refused = await service.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("x") });

        Assert.Equal(HttpStatusCode.MethodNotAllowed, refused.StatusCode);
        Assert.Contains("GET", refused.Content.Headers.Allow);
        // HEAD answers as GET does. /readyz is 503 until Quartz has started the scheduler, which it does once the
        // application has started — on a busy machine a moment after the service listens.
        var answered = HttpStatusCode.MethodNotAllowed;
        await Eventually.TrueAsync(async () =>
        {
            using var head = await service.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
            answered = head.StatusCode;
            return answered == HttpStatusCode.OK;
        }, $"HEAD /{path} answered 200", onTimeout: () => $"last answered {answered}");
    }

    private static async Task<string?> StatusAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString();
}
