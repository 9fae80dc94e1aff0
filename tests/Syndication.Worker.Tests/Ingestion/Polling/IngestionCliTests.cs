using System.Text.Json;
using Syndication.Storage;
using Syndication.Storage.Ingestion;

namespace Syndication.Worker.Tests.Ingestion.Polling;

/// <summary>The ingestion verbs as an operator runs them: a separate process, a real database, feeds on loopback.</summary>
public sealed class IngestionCliTests : IAsyncLifetime
{
    private readonly string _root = ServiceUnderTest.NewRoot();
    private LoopbackFeedServer _feeds = null!;

    private Dictionary<string, string> Environment => new()
    {
        ["Syndication__Database"] = Path.Combine(_root, "data", "cli.db"),
        ["Syndication__Ingestion__SourcesOpml"] = Path.Combine(_root, "sources.opml"),
        ["Syndication__Ingestion__AllowPrivateNetworks"] = "true",
    };

    public async Task InitializeAsync()
    {
        _feeds = await LoopbackFeedServer.StartAsync();
        _feeds.ServeFeed("/a.rss", NewsFeedFixture.Rss(1, 3), "application/rss+xml", etag: "\"a\"");
        _feeds.Status("/down.rss", 503, ("Retry-After", "60"));
        await File.WriteAllTextAsync(Path.Combine(_root, "sources.opml"), NewsFeedFixture.Opml([_feeds.Url("/a.rss")]));
        await CliProcess.CreateDatabaseAsync(Environment["Syndication__Database"]);
    }

    public async Task DisposeAsync()
    {
        await _feeds.DisposeAsync();
        ServiceUnderTest.DeleteRoot(_root);
    }

    private Task<CliProcess.Result> RunAsync(params string[] args) => CliProcess.RunAsync(_root, Environment, args);

    [Fact]
    public async Task Poll_prints_a_line_per_source_and_list_shows_their_health()
    {
        var added = await RunAsync("sources", "add", _feeds.Url("/down.rss").AbsoluteUri);
        var poll = await RunAsync("poll");
        // The added source is 1; the OPML's is synced in by the first poll, as 2.
        var again = await RunAsync("poll", "--source", "2");
        var list = await RunAsync("sources", "list");

        Assert.Equal(0, added.ExitCode);
        Assert.Equal(1, poll.ExitCode);
        var lines = poll.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains(lines, line => line.Contains("Fetched", StringComparison.Ordinal) && line.Contains("3 new", StringComparison.Ordinal) && line.Contains("/a.rss", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("RetryLater", StringComparison.Ordinal) && line.Contains("503", StringComparison.Ordinal));
        Assert.Contains("NotModified", again.Output);
        Assert.Contains("failing", list.Output);
        Assert.Contains("HTTP 503", list.Output);
        Assert.Matches(@"\b2\s+ok\s+\S+ \S+\s+304\s+3\s+0\b", list.Output);
    }

    [Fact]
    public async Task Poll_claims_a_few_at_a_time_and_polls_a_source_another_node_holds_last_once_its_lease_ends()
    {
        var feeds = Enumerable.Range(10, 5).Select(n => _feeds.Url($"/n{n}.rss")).ToList();
        foreach (var n in Enumerable.Range(10, 5))
        {
            _feeds.ServeFeed($"/n{n}.rss", NewsFeedFixture.Rss(n, 2), "application/rss+xml", etag: $"\"n{n}\"");
        }
        await File.WriteAllTextAsync(Path.Combine(_root, "sources.opml"), NewsFeedFixture.Opml(feeds));
        var environment = new Dictionary<string, string>(Environment) { ["Syndication__Ingestion__MaxConcurrentPolls"] = "2" };
        var first = await CliProcess.RunAsync(_root, environment, "poll");
        // Another node's poll of the third source runs for ten more seconds: long enough that the verb, started on a
        // busy machine, still finds it held when it claims (the others are then polled before it).
        var store = new SourceStore(new SqliteDatabase(Environment["Syndication__Database"], TimeSpan.FromSeconds(5)), TimeProvider.System);
        var held = (await store.ListAsync(includeRemoved: false, CancellationToken.None)).Single(source => source.Url.EndsWith("/n12.rss", StringComparison.Ordinal));
        Assert.NotNull(await store.ClaimAsync(held.Id, "another-node", TimeSpan.FromSeconds(10), CancellationToken.None));

        var second = await CliProcess.RunAsync(_root, environment, "poll");

        Assert.Equal((0, 5), (first.ExitCode, first.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(line => line.Contains(" 2 new", StringComparison.Ordinal))));
        Assert.Equal(0, second.ExitCode);
        var lines = second.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.All(lines, line => Assert.Contains("NotModified", line, StringComparison.Ordinal));
        Assert.EndsWith("/n12.rss", lines[^1].TrimEnd(), StringComparison.Ordinal);
        // Its poll, saved, ended the lease it waited for and took.
        Assert.NotNull(await store.ClaimAsync(held.Id, "a-third-node", TimeSpan.FromSeconds(3), CancellationToken.None));
    }

    [Fact]
    public async Task Remove_keeps_history_and_export_writes_opml_of_active_sources()
    {
        await RunAsync("poll");
        var removed = await RunAsync("sources", "remove", "1");
        var missing = await RunAsync("sources", "remove", "99");
        var export = await RunAsync("sources", "export");
        var all = await RunAsync("sources", "list", "--all");

        Assert.Equal(0, removed.ExitCode);
        Assert.Equal(4, missing.ExitCode);
        Assert.Contains("no active source 99", missing.Error);
        Assert.DoesNotContain("/a.rss", export.Output);
        Assert.Contains("<opml version=\"2.0\">", export.Output);
        Assert.Matches(@"\b1\s+removed\b.*\s3\s", all.Output);
    }

    [Fact]
    public async Task Sources_import_of_our_own_feeds_opml_refuses_every_feed_of_ours()
    {
        string opml;
        var serviceRoot = ServiceUnderTest.NewRoot();
        try
        {
            await using var service = await ServiceUnderTest.StartAsync(serviceRoot, "--Syndication:PublicBaseUrl", "https://bao.example.vn/tin/");
            opml = await service.Client.GetStringAsync("feeds.opml");
        }
        finally
        {
            ServiceUnderTest.DeleteRoot(serviceRoot);
        }
        var file = Path.Combine(_root, "cua-chung-ta.opml");
        await File.WriteAllTextAsync(file, opml.Replace("</body>", $"<outline type=\"rss\" text=\"Nguồn khác\" xmlUrl=\"{_feeds.Url("/a.rss")}\"/></body>", StringComparison.Ordinal));
        var ours = System.Xml.Linq.XDocument.Parse(opml).Descendants("outline").Count(outline => outline.Attribute("xmlUrl") is not null);

        var result = await CliProcess.RunAsync(_root, new Dictionary<string, string>(Environment) { ["Syndication__PublicBaseUrl"] = "https://bao.example.vn/tin/" },
            "sources", "import", file);
        var list = await RunAsync("sources", "list");

        Assert.True(ours > 10, $"the OPML lists {ours} feeds");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Imported 1 source(s) from {file}, refused {ours} of this service's own", result.Output);
        Assert.Contains("https://bao.example.vn/tin/feeds/rss.xml is one of this service's own feeds", result.Error);
        Assert.DoesNotContain("bao.example.vn", list.Output);
    }

    [Theory]
    [InlineData("http://localhost:5000/feeds/rss.xml", "")]
    [InlineData("http://127.0.0.1:8080/feeds/atom.xml", "http://0.0.0.0:8080")]
    [InlineData("http://[::1]:8081/feeds/feed.json", "http://localhost:8081;http://localhost:8082")]
    public async Task Sources_add_refuses_an_address_the_service_listens_on(string url, string listening)
    {
        var environment = new Dictionary<string, string>(Environment);
        if (listening.Length > 0)
        {
            environment["ASPNETCORE_URLS"] = listening;
        }

        var result = await CliProcess.RunAsync(_root, environment, "sources", "add", url);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("is one of this service's own feeds", result.Error);
    }

    [Fact]
    public async Task A_loopback_source_polled_without_permission_names_the_setting_that_allows_it()
    {
        var environment = new Dictionary<string, string>(Environment) { ["Syndication__Ingestion__AllowPrivateNetworks"] = "false" };

        await CliProcess.RunAsync(_root, environment, "poll");
        var list = await CliProcess.RunAsync(_root, environment, "sources", "list");

        Assert.Contains("refused: loopback address; set Syndication:Ingestion:AllowPrivateNetworks to true", list.Output);
    }

    [Fact]
    public async Task Parse_prints_the_normalised_json_of_a_file_and_a_url()
    {
        var file = Path.Combine(_root, "feed.xml");
        await File.WriteAllTextAsync(file, NewsFeedFixture.Rss(7, 2));

        var fromFile = await RunAsync("parse", file);
        var fromUrl = await RunAsync("parse", _feeds.Url("/a.rss").AbsoluteUri);

        Assert.Equal(0, fromFile.ExitCode);
        using var json = JsonDocument.Parse(fromFile.Output);
        var root = json.RootElement;
        Assert.Equal("rss2.0", root.GetProperty("format").GetString());
        Assert.Equal("Báo Nguồn 7", root.GetProperty("title").GetString());
        var entry = root.GetProperty("entries")[0];
        Assert.Equal("2026-11-20T10:03:00Z", entry.GetProperty("published").GetString());
        Assert.Equal(JsonValueKind.Null, entry.GetProperty("updated").ValueKind);
        Assert.Equal(JsonValueKind.Array, entry.GetProperty("enclosures").ValueKind);
        Assert.Equal(0, fromUrl.ExitCode);
        Assert.Equal(3, JsonDocument.Parse(fromUrl.Output).RootElement.GetProperty("entries").GetArrayLength());
    }

    /// <summary>The parser's fixture feeds, kept beside the Core tests, in the shapes publishers serve.</summary>
    public static TheoryData<string> ParserFixtures()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Syndication.sln")))
        {
            folder = folder.Parent;
        }
        var fixtures = Path.Combine(folder!.FullName, "tests", "Syndication.Core.Tests", "Ingestion", "testdata");
        return [.. Directory.GetFiles(fixtures).Where(path => !Path.GetFileName(path).StartsWith('.') && !path.EndsWith(".html", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
    }

    [Theory]
    [MemberData(nameof(ParserFixtures))]
    public async Task Parse_gives_the_design_json_for_every_fixture_feed(string fixture)
    {
        var result = await RunAsync("parse", fixture);

        Assert.True(result.ExitCode == 0, $"{fixture}: exit {result.ExitCode}: {result.Error}");
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(["format", "title", "link", "description", "language", "updated", "entries"], root.EnumerateObject().Select(p => p.Name));
        Assert.Matches("^(rss2.0|rss0.91|rss0.92|rss1.0|rss0.90|atom1.0|atom0.3|jsonfeed1.0|jsonfeed1.1)$", root.GetProperty("format").GetString());
        foreach (var entry in root.GetProperty("entries").EnumerateArray())
        {
            Assert.Equal(
                ["id", "link", "title", "published", "updated", "authors", "summary", "content", "categories", "enclosures"],
                entry.EnumerateObject().Select(p => p.Name));
            foreach (var date in new[] { entry.GetProperty("published"), entry.GetProperty("updated") }.Where(d => d.ValueKind != JsonValueKind.Null))
            {
                Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", date.GetString());
            }
        }
    }

    [Fact]
    public async Task Parse_of_something_that_is_not_a_feed_exits_non_zero_with_a_message()
    {
        var file = Path.Combine(_root, "page.html");
        await File.WriteAllTextAsync(file, "<!DOCTYPE html><html><body>Trang chủ</body></html>");

        var result = await RunAsync("parse", file);
        var missing = await RunAsync("parse", Path.Combine(_root, "nope.xml"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("page.html", result.Error);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no such file", missing.Error);
    }
}
