namespace Syndication.Worker.Tests.Alerts;

/// <summary>The alerts verbs as an operator uses them: separate processes over a real database.</summary>
public sealed class AlertsCliTests : IAsyncLifetime
{
    private readonly string _root = ServiceUnderTest.NewRoot();

    private Dictionary<string, string> Environment => new() { ["Syndication__Database"] = Path.Combine(_root, "data", "cli.db") };

    public Task InitializeAsync() => CliProcess.CreateDatabaseAsync(Environment["Syndication__Database"]);

    public Task DisposeAsync()
    {
        ServiceUnderTest.DeleteRoot(_root);
        return Task.CompletedTask;
    }

    private Task<CliProcess.Result> RunAsync(params string[] args) => CliProcess.RunAsync(_root, Environment, args);

    [Fact]
    public async Task A_webhook_is_added_with_a_printed_secret_listed_without_it_and_removed()
    {
        var added = await RunAsync("alerts", "add", "https://nhan.example/hook", "--event", "story.matched", "--event", "source.failing", "--words", "cà phê");
        var list = await RunAsync("alerts", "list");
        var deliveries = await RunAsync("alerts", "deliveries", "--failed");
        var removed = await RunAsync("alerts", "remove", "1");
        var again = await RunAsync("alerts", "remove", "1");

        Assert.Equal(0, added.ExitCode);
        Assert.Contains("Webhook 1: https://nhan.example/hook for story.matched, source.failing", added.Output);
        var secret = Assert.Single(added.Output.Split('\n'), line => line.StartsWith("Secret: ", StringComparison.Ordinal))["Secret: ".Length..].Trim();
        Assert.Matches("^[0-9a-f]{64}$", secret);
        Assert.Matches(@"\b1\s+https://nhan.example/hook\s+story.matched,source.failing\s+cà phê\s+3\s", list.Output);
        Assert.DoesNotContain(secret, list.Output);
        Assert.Equal(0, deliveries.ExitCode);
        Assert.Equal(0, removed.ExitCode);
        Assert.Equal(4, again.ExitCode);
        Assert.Contains("there is no webhook 1", again.Error);
    }

    [Theory]
    [InlineData("ftp://nhan.example/hook", "url: 'ftp://nhan.example/hook' is not an absolute http(s) URL")]
    [InlineData("http://127.0.0.1:9/hook", "url: 127.0.0.1 is a loopback address; webhooks go to public addresses only")]
    [InlineData("http://10.0.0.5/hook", "url: 10.0.0.5 is a private")]
    public async Task A_webhook_url_that_is_not_public_http_is_refused_naming_why(string url, string message)
    {
        var added = await RunAsync("alerts", "add", url, "--event", "article.covered");
        var list = await RunAsync("alerts", "list");

        Assert.Equal(4, added.ExitCode);
        Assert.Contains("error: " + message, added.Error);
        Assert.DoesNotContain("hook", list.Output);
    }

    [Fact]
    public async Task Unknown_events_missing_words_and_a_short_secret_are_refused()
    {
        var unknown = await RunAsync("alerts", "add", "https://nhan.example/hook", "--event", "story.new");
        var noWords = await RunAsync("alerts", "add", "https://nhan.example/hook", "--event", "story.matched");
        var shortSecret = await RunAsync("alerts", "add", "https://nhan.example/hook", "--event", "source.silent", "--secret", "ngan");

        Assert.Equal((4, 4, 4), (unknown.ExitCode, noWords.ExitCode, shortSecret.ExitCode));
        Assert.Contains("event: 'story.new' is not one of story.matched, article.covered, source.failing, source.silent", unknown.Error);
        Assert.Contains("words: story.matched needs the words a new story must contain", noWords.Error);
        Assert.Contains("secret: give 16 to 200 characters", shortSecret.Error);
    }
}
