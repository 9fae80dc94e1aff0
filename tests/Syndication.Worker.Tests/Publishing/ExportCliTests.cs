namespace Syndication.Worker.Tests.Publishing;

public sealed class ExportCliTests : IDisposable
{
    private readonly string _root = ServiceUnderTest.NewRoot();

    private string Output => Path.Combine(_root, "public");

    private Dictionary<string, string> Environment(string? publicBaseUrl) => new()
    {
        ["Syndication__Database"] = Path.Combine(_root, "data", "cli.db"),
        ["Syndication__PublicBaseUrl"] = publicBaseUrl ?? "",
    };

    [Fact]
    public async Task Export_writes_the_feeds_and_a_second_run_writes_nothing()
    {
        var environment = Environment(PublishedFeeds.BaseUrl);
        Assert.Equal(0, (await CliProcess.RunAsync(_root, environment, "import", Path.Combine(_root, "seeds"))).ExitCode);

        var first = await CliProcess.RunAsync(_root, environment, "export", "--out", Output);
        var second = await CliProcess.RunAsync(_root, environment, "export", "--out", Output);

        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        Assert.Matches(@"^Exported [1-9]\d* written, 0 unchanged, 0 removed in ", first.Output);
        Assert.Matches(@"^Exported 0 written, [1-9]\d* unchanged, 0 removed in ", second.Output);
        Assert.Contains(PublishedFeeds.BaseUrl + "feeds/sections/kinh-te/atom.xml",
            await File.ReadAllTextAsync(Path.Combine(Output, "feeds", "sections", "kinh-te", "atom.xml")));
    }

    [Fact]
    public async Task Export_without_a_public_base_url_exits_3_naming_the_key()
    {
        var result = await CliProcess.RunAsync(_root, Environment(null), "export", "--out", Output);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Syndication:PublicBaseUrl", result.Error);
        Assert.False(Directory.Exists(Output));
    }

    [Fact]
    public async Task Export_without_a_folder_is_a_usage_error()
    {
        var result = await CliProcess.RunAsync(_root, Environment(PublishedFeeds.BaseUrl), "export");

        Assert.Equal(5, result.ExitCode);
        Assert.Contains("--out", result.Error);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}
