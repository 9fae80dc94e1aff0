using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Syndication.Worker.Tests.Importing;

/// <summary>
/// A CLI import of a large file while the service takes writes through the API: the import commits in short
/// transactions, so a PUT waits its turn well within the busy timeout instead of failing behind one long transaction.
/// </summary>
[Collection(Operations.SerialOperations.Name)]
public sealed class ImportWhileWritingTests : IAsyncLifetime
{
    private const int Articles = 2000;

    /// <summary>Short, so a transaction holding the lock longer than this makes writers fail (on today's 5 s default,
    /// the same happens with a larger import).</summary>
    private const string BusyTimeoutMs = "500";

    private readonly string _root = ServiceUnderTest.NewRoot();
    private ServiceUnderTest _service = null!;

    public async Task InitializeAsync() =>
        _service = await ServiceUnderTest.StartAsync(_root, "--Syndication:BusyTimeoutMs", BusyTimeoutMs, "--Syndication:Ingestion:Enabled", "false");

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        ServiceUnderTest.DeleteRoot(_root);
    }

    [Fact]
    public async Task Puts_during_a_large_import_succeed_and_a_refused_one_is_a_503_problem_with_retry_after()
    {
        var key = await _service.AddPartnerAsync("CMS", ["admin"]);
        var file = Path.Combine(_root, "lon.jsonl");
        await File.WriteAllLinesAsync(file, Enumerable.Range(0, Articles).Select(ArticleLine));

        await using var import = CliProcess.Start(_root, new Dictionary<string, string>
        {
            ["Syndication__Database"] = _service.DatabasePath,
            ["Syndication__BusyTimeoutMs"] = BusyTimeoutMs,
        }, "import", file);
        var answers = new List<(HttpStatusCode Status, bool RetryAfter, string? MediaType)>();
        // Writes while the import stores its articles (it prints "Imported" when it has, then relates them).
        while (!import.HasExited && !import.OutputLines.Any(line => line.StartsWith("Imported", StringComparison.Ordinal)))
        {
            using var response = await PutAsync(key, $"bai-trong-luc-nhap-{answers.Count % 10}", answers.Count);
            answers.Add((response.StatusCode, response.Headers.RetryAfter is not null, response.Content.Headers.ContentType?.MediaType));
        }
        await import.WaitForOutputAsync(line => line.StartsWith("Imported", StringComparison.Ordinal), Eventually.Limit);

        Assert.Contains($"{Articles} new", import.OutputLines.Single(line => line.StartsWith("Imported", StringComparison.Ordinal)));
        Assert.True(answers.Count >= 3, $"only {answers.Count} PUTs while the import stored its articles");
        Assert.All(answers, answer => Assert.True(
            answer.Status is HttpStatusCode.OK or HttpStatusCode.Created
            || answer.Status == HttpStatusCode.ServiceUnavailable && answer.RetryAfter && answer.MediaType == "application/problem+json",
            $"a PUT answered {(int)answer.Status}"));
        var succeeded = answers.Count(answer => answer.Status is HttpStatusCode.OK or HttpStatusCode.Created);
        Assert.True(succeeded >= answers.Count * 0.8, $"{succeeded} of {answers.Count} PUTs got through: {string.Join(' ', answers.Select(a => (int)a.Status))}");
    }

    private Task<HttpResponseMessage> PutAsync(string key, string slug, int n)
    {
        var json = JsonSerializer.Serialize(new { title = $"Tin nhanh số {n}", published = "2025-03-10T08:00:00+07:00", body = $"<p>Lần {n}.</p>" });
        var request = new HttpRequestMessage(HttpMethod.Put, $"api/articles/{slug}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return _service.Client.SendAsync(request);
    }

    private static readonly string[] Words =
        "kinh tế xã hội tỉnh cà phê hồ tiêu nông dân hợp tác xã doanh nghiệp chính sách tín dụng ngân hàng buôn làng lễ hội du lịch".Split(' ');

    /// <summary>An article of a real length (about 3 KB), as the newsroom's export writes one per line.</summary>
    private static string ArticleLine(int n)
    {
        string Sentence(int words, int salt) =>
            string.Join(' ', Enumerable.Range(0, words).Select(i => Words[(n * 31 + i * 7 + salt) % Words.Length])) + ".";
        var body = string.Concat(Enumerable.Range(0, 8).Select(p => "<p>" + string.Join(' ', Enumerable.Range(0, 4).Select(s => Sentence(14, p * 5 + s))) + "</p>"));
        return JsonSerializer.Serialize(new
        {
            slug = $"bai-nhap-{n}",
            title = $"Bài nhập số {n}: " + Sentence(8, 1),
            published = new DateTimeOffset(2020, 1, 1, 8, 0, 0, TimeSpan.FromHours(7)).AddHours(n * 5).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
            lead = Sentence(30, 2),
            body,
            section = "Kinh tế",
        });
    }
}
