namespace Syndication.Worker.Tests;

public sealed class ImportCliTests : IDisposable
{
    private readonly string _root = ServiceUnderTest.NewRoot();

    private Dictionary<string, string> Environment => new()
    {
        ["Syndication__Database"] = Path.Combine(_root, "data", "cli.db"),
    };

    [Fact]
    public async Task Import_reports_bad_files_with_path_and_line_and_imports_the_rest()
    {
        var seeds = Path.Combine(_root, "seeds");
        await File.WriteAllTextAsync(Path.Combine(seeds, "kinh-te", "hong.txt"), "Multimedia Đọc Báo in\n\nTiêu đề không có giờ\n\nĐoạn mở đầu.");
        await File.AppendAllTextAsync(Path.Combine(seeds, "archive.jsonl"), "{\"slug\":\"bai-loi\",\"title\":\"Bài lỗi\",\"published\":\"hôm qua\",\"body\":\"<p>x</p>\"}\n");

        var first = await CliProcess.RunAsync(_root, Environment, "import", seeds);
        var second = await CliProcess.RunAsync(_root, Environment, "import", seeds);

        Assert.Equal(1, first.ExitCode);
        Assert.Contains("hong.txt:5: no time line", first.Error);
        Assert.Contains("archive.jsonl:3: field 'published'", first.Error);
        Assert.Contains("4 new, 0 updated, 0 unchanged, 2 error(s)", first.Output);
        Assert.Contains("0 new, 0 updated, 4 unchanged, 2 error(s)", second.Output);
    }

    [Fact]
    public async Task Json_log_format_writes_one_json_object_per_log_line_on_stderr()
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "seeds", "hong.txt"), "Không có giờ");
        var environment = new Dictionary<string, string>(Environment) { ["Syndication__LogFormat"] = "json" };

        var result = await CliProcess.RunAsync(_root, environment, "import", Path.Combine(_root, "seeds"));

        var logLines = result.Error.Split('\n').Where(line => line.StartsWith('{')).ToList();
        var warning = Assert.Single(logLines, line => line.Contains("hong.txt", StringComparison.Ordinal));
        using var json = System.Text.Json.JsonDocument.Parse(warning);
        Assert.Equal("Warning", json.RootElement.GetProperty("LogLevel").GetString());
        Assert.EndsWith("hong.txt", json.RootElement.GetProperty("State").GetProperty("Path").GetString(), StringComparison.Ordinal);
        Assert.Equal("Skipped {Path} line {Line}: {Problem}", json.RootElement.GetProperty("State").GetProperty("{OriginalFormat}").GetString());
    }

    [Fact]
    public async Task Generate_adds_a_synthetic_archive_once()
    {
        var first = await CliProcess.RunAsync(_root, Environment, "generate", "--articles", "1500", "--seed", "3");
        var again = await CliProcess.RunAsync(_root, Environment, "generate", "--articles", "1500", "--seed", "3");
        var bad = await CliProcess.RunAsync(_root, Environment, "generate", "--articles", "0");

        Assert.Equal((0, 0, 5), (first.ExitCode, again.ExitCode, bad.ExitCode));
        Assert.Contains("Generated 1500 article(s)", first.Output);
        Assert.Contains("1000/1500 articles", first.Error);
        var database = new Storage.SqliteDatabase(Path.Combine(_root, "data", "cli.db"), TimeSpan.FromSeconds(5));
        Assert.Equal(1500, await new Storage.Articles.ArticleStore(database, TimeProvider.System).CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Import_of_good_files_exits_zero()
    {
        var result = await CliProcess.RunAsync(_root, Environment, "import", Path.Combine(_root, "seeds"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("4 new", result.Output);
    }

    [Fact]
    public async Task Invalid_configuration_stops_the_start_naming_the_key()
    {
        var environment = new Dictionary<string, string>(Environment) { ["Syndication__TimeZone"] = "Mars/Olympus_Mons" };

        var result = await CliProcess.RunAsync(_root, environment, "import", Path.Combine(_root, "seeds"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Syndication:TimeZone", result.Error);
        Assert.Contains("Mars/Olympus_Mons", result.Error);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}
