namespace Syndication.Worker.Tests.Cli;

/// <summary>Command lines that do not parse: exit code 5, the mistake named (with a suggestion for a typo), no stack trace, nothing run.</summary>
public sealed class UsageErrorTests : IAsyncLifetime
{
    private readonly string _root = ServiceUnderTest.NewRoot();

    private string DatabasePath => Path.Combine(_root, "data", "cli.db");

    public Task InitializeAsync() => CliProcess.CreateDatabaseAsync(DatabasePath);

    public Task DisposeAsync()
    {
        ServiceUnderTest.DeleteRoot(_root);
        return Task.CompletedTask;
    }

    public static readonly TheoryData<string[], string> Mistakes = new()
    {
        { ["sorces", "list"], "'sorces' is not a command of 'syndication'; did you mean 'sources'?" },
        { ["sources", "lst"], "'lst' is not a command of 'syndication sources'; did you mean 'list'?" },
        { ["parnters", "list"], "did you mean 'partners'?" },
        { ["generate", "--articles", "abc"], "'abc'" },
        { ["generate"], "'--articles' is required" },
        { ["generate", "--articles", "-5"], "--articles must be between 1 and 10000000 (is -5)" },
        { ["generate", "--artcles", "5"], "unknown option '--artcles' for 'syndication generate'; did you mean '--articles'?" },
        { ["import"], "Required argument missing" },
        { ["parse"], "Required argument missing" },
        { ["related"], "Required argument missing" },
        { ["export"], "'--out' is required" },
        { ["backup"], "'--out' is required" },
        { ["sources", "remove", "abc"], "'abc'" },
        { ["poll", "--source", "x"], "'x'" },
        { ["partners", "usage", "--days", "0"], "--days must be between 1 and 3650 (is 0)" },
        { ["partners", "add", "Đối tác", "--rate", "0"], "--rate must be between 1 and 1000000 (is 0)" },
        { ["serve", "--port", "80"], "unknown option '--port' for 'syndication serve'" },
        { ["reindex", "now"], "unknown argument 'now' for 'syndication reindex'" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_command_line_that_does_not_parse_exits_5_naming_the_mistake(string[] args, string message)
    {
        var result = await CliProcess.RunAsync(_root, new Dictionary<string, string> { ["Syndication__Database"] = DatabasePath }, args);

        Assert.True(result.ExitCode == 5, $"exit {result.ExitCode}: {result.Error}");
        Assert.Contains(message, result.Error);
        Assert.Contains("--help'.", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task A_mistyped_verb_never_starts_the_service()
    {
        var result = await CliProcess.RunAsync(_root, new Dictionary<string, string> { ["Syndication__Database"] = DatabasePath },
            "sorces", "list", "--urls", "http://127.0.0.1:0");

        Assert.Equal(5, result.ExitCode);
        Assert.DoesNotContain("Now listening", result.Output + result.Error);
    }

    [Fact]
    public async Task Help_shows_the_verbs_and_options_without_the_additional_arguments_noise()
    {
        var help = await CliProcess.RunAsync(_root, new Dictionary<string, string>(), "--help");
        var serve = await CliProcess.RunAsync(_root, new Dictionary<string, string>(), "serve", "--help");

        Assert.Equal((0, 0), (help.ExitCode, serve.ExitCode));
        Assert.Contains("sources", help.Output);
        Assert.Contains("--urls", serve.Output);
        Assert.All(new[] { help.Output, serve.Output }, text =>
        {
            Assert.DoesNotContain("Additional Arguments", text);
            Assert.DoesNotContain("<additional arguments>", text);
        });
    }
}
