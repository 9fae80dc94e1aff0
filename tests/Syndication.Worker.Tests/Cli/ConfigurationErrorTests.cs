namespace Syndication.Worker.Tests.Cli;

/// <summary>
/// Every kind of bad setting, in every section, stops every verb with exit code 3 and one line per bad setting that
/// names its key — never a stack trace, nor the host's "Hosting failed to start".
/// </summary>
public sealed class ConfigurationErrorTests : IAsyncLifetime
{
    private readonly string _root = ServiceUnderTest.NewRoot();

    private string DatabasePath => Path.Combine(_root, "data", "cli.db");

    public Task InitializeAsync() => CliProcess.CreateDatabaseAsync(DatabasePath);

    public Task DisposeAsync()
    {
        ServiceUnderTest.DeleteRoot(_root);
        return Task.CompletedTask;
    }

    /// <summary>A setting, a bad value, what the line must say, and the verb that meets it (each verb at least once).</summary>
    public static readonly TheoryData<string, string, string, string[]> BadSettings = new()
    {
        // Not of the setting's type: a word for a number, a number too large, a word for true/false, a comma decimal.
        { "Syndication__FeedSize", "abc", "Syndication:FeedSize: 'abc' is not a whole number", ["sources", "list"] },
        { "Syndication__PageSize", "99999999999", "Syndication:PageSize: '99999999999' is not a whole number from -2147483648 to 2147483647", ["serve", "--urls", "http://127.0.0.1:0"] },
        { "Syndication__Ingestion__Enabled", "maybe", "Syndication:Ingestion:Enabled: 'maybe' is not true or false", ["poll"] },
        { "Syndication__Search__RelatedThreshold", "1,5", "Syndication:Search:RelatedThreshold: '1,5' is not a number", ["related", "bai-viet"] },
        { "Syndication__Ingestion__MaxBodyBytes", "10MB", "Syndication:Ingestion:MaxBodyBytes: '10MB' is not a whole number", ["parse", "-"] },
        // Of the right type, outside what works: in each section.
        { "Syndication__Partners__RequestsPerMinute", "0", "Syndication:Partners:RequestsPerMinute", ["partners", "list"] },
        { "Syndication__Search__ResultSize", "100000", "Syndication:Search:ResultSize", ["serve", "--urls", "http://127.0.0.1:0"] },
        { "Syndication__Maintenance__IntervalHours", "-1", "Syndication:Maintenance:IntervalHours: -1 is outside 0..8760", ["backup", "--out", "b.db"] },
        { "Syndication__Export__Directory", "public", "Syndication:PublicBaseUrl: is required when Syndication:Export:Directory is set", ["serve", "--urls", "http://127.0.0.1:0"] },
        { "Syndication__WebSubCheckSeconds", "0", "Syndication:WebSubCheckSeconds: 0 is outside 1..86400", ["reindex"] },
        { "Syndication__ShutdownTimeoutSeconds", "601", "Syndication:ShutdownTimeoutSeconds", ["import", "seeds"] },
        { "Syndication__TimeZone", "Mars/Olympus_Mons", "Syndication:TimeZone: 'Mars/Olympus_Mons' is not a known time zone", ["generate", "--articles", "1"] },
        { "Syndication__PublicBaseUrl", "bao.example.vn", "Syndication:PublicBaseUrl: 'bao.example.vn' is not an absolute http(s) URL", ["export", "--out", "public"] },
        { "Syndication__Ingestion__MaxConcurrentPolls", "0", "Syndication:Ingestion:MaxConcurrentPolls", ["sources", "add", "https://tin.example.vn/rss.xml"] },
        { "Syndication__LogFormat", "xml", "Syndication:LogFormat: 'xml' is neither 'text' nor 'json'", ["partners", "usage"] },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_stops_the_verb_with_exit_3_and_one_line_naming_the_key(string variable, string value, string message, string[] args)
    {
        var result = await CliProcess.RunAsync(_root, new Dictionary<string, string>
        {
            ["Syndication__Database"] = DatabasePath,
            [variable] = value,
        }, args);

        Assert.True(result.ExitCode == 3, $"exit {result.ExitCode}: {result.Error}");
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("Invalid configuration: ", line, StringComparison.Ordinal);
        Assert.Contains(message, line);
        Assert.DoesNotContain("Now listening", result.Output);
    }

    [Fact]
    public async Task Several_bad_settings_are_each_named_on_a_line_of_their_own()
    {
        var result = await CliProcess.RunAsync(_root, new Dictionary<string, string>
        {
            ["Syndication__Database"] = DatabasePath,
            ["Syndication__FeedSize"] = "abc",
            ["Syndication__Search__ResultSize"] = "x",
            ["Syndication__Partners__RequestsPerMinute"] = "0",
        }, "sources", "list");

        Assert.Equal(3, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length); // the values that cannot be read first; the rules are checked once they can
        Assert.Contains(lines, line => line.Contains("Syndication:FeedSize", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Syndication:Search:ResultSize", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_setting_given_on_the_command_line_reaches_every_verb()
    {
        var result = await CliProcess.RunAsync(_root, new Dictionary<string, string>(),
            "partners", "list", "--Syndication:Database", DatabasePath, "--Syndication:FeedSize=abc");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Syndication:FeedSize: 'abc'", result.Error);
    }
}
