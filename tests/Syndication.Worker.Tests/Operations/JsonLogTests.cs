using System.Globalization;
using System.Text.Json;

namespace Syndication.Worker.Tests.Operations;

/// <summary><c>Syndication:LogFormat=json</c> on the real program, as a log shipper reads it.</summary>
public sealed class JsonLogTests : IDisposable
{
    private readonly string _root = ServiceUnderTest.NewRoot();

    [Fact]
    public async Task Every_line_the_service_logs_is_a_json_object_with_an_iso_8601_utc_timestamp()
    {
        await using var service = CliProcess.Start(_root, new Dictionary<string, string>
        {
            ["Syndication__LogFormat"] = "json",
            ["Syndication__Database"] = Path.Combine(_root, "data", "syndication.db"),
            ["Syndication__SeedsPath"] = Path.Combine(_root, "seeds"),
            ["Syndication__Ingestion__Enabled"] = "false",
        }, "serve", "--urls", "http://127.0.0.1:0");

        await service.WaitForOutputAsync(line => line.Contains("Now listening on", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        Assert.Equal(0, await service.StopAsync());

        var lines = service.OutputLines.Where(line => line.Length > 0).ToList();
        Assert.Contains(lines, line => line.Contains("Database ready at schema version", StringComparison.Ordinal));
        Assert.All(lines, line =>
        {
            using var json = JsonDocument.Parse(line);
            var timestamp = json.RootElement.GetProperty("Timestamp").GetString()!;
            Assert.True(
                DateTimeOffset.TryParseExact(timestamp, "yyyy-MM-dd'T'HH:mm:ss.fffK", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                && parsed.Offset == TimeSpan.Zero,
                $"'{timestamp}' is not an ISO 8601 UTC time");
        });
    }

    public void Dispose() => ServiceUnderTest.DeleteRoot(_root);
}
