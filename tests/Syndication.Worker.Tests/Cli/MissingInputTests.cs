namespace Syndication.Worker.Tests.Cli;

/// <summary>
/// Verbs that need an archive stop with exit code 2 on a missing database, say so in one line and create none; only
/// serve, import and generate (and migrate) create one. A missing input file is exit code 2 too.
/// </summary>
public sealed class MissingInputTests : IDisposable
{
    private readonly string _root = ServiceUnderTest.NewRoot();

    private string DatabasePath => Path.Combine(_root, "nowhere", "x.db");

    private Dictionary<string, string> Environment => new()
    {
        ["Syndication__Database"] = DatabasePath,
        ["Syndication__PublicBaseUrl"] = "https://bao.example.vn/",
    };

    public void Dispose() => ServiceUnderTest.DeleteRoot(_root);

    public static readonly TheoryData<string[]> VerbsThatNeedAnArchive = new()
    {
        { ["sources", "list"] },
        { ["sources", "add", "https://tin.example.vn/rss.xml"] },
        { ["sources", "remove", "1"] },
        { ["sources", "export"] },
        { ["poll"] },
        { ["partners", "list"] },
        { ["partners", "add", "VTV8"] },
        { ["partners", "revoke", "VTV8"] },
        { ["partners", "usage"] },
        { ["reindex"] },
        { ["related", "bai-viet"] },
        { ["backup", "--out", "backup.db"] },
        { ["export", "--out", "public"] },
    };

    [Theory]
    [MemberData(nameof(VerbsThatNeedAnArchive))]
    public async Task A_verb_on_a_missing_database_exits_2_in_one_line_and_creates_nothing(string[] args)
    {
        var result = await CliProcess.RunAsync(_root, Environment, args);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Error}");
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"there is no database at {DatabasePath}", line);
        Assert.False(File.Exists(DatabasePath));
        Assert.False(Directory.Exists(Path.GetDirectoryName(DatabasePath)));
    }

    [Theory]
    [InlineData("import")]
    [InlineData("parse")]
    public async Task A_missing_file_to_read_exits_2(string verb)
    {
        var missing = Path.Combine(_root, "khong-co.txt");

        var result = await CliProcess.RunAsync(_root, Environment, verb, missing);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Error}");
        Assert.Contains($"{missing}: no such file", result.Error);
        Assert.DoesNotContain($"{missing}:0", result.Error);
    }

    [Fact]
    public async Task Sources_import_of_a_missing_or_unreadable_opml_exits_2()
    {
        await CliProcess.CreateDatabaseAsync(DatabasePath);
        var broken = Path.Combine(_root, "hong.opml");
        await File.WriteAllTextAsync(broken, "<opml><body><outline");

        var missing = await CliProcess.RunAsync(_root, Environment, "sources", "import", Path.Combine(_root, "khong-co.opml"));
        var unreadable = await CliProcess.RunAsync(_root, Environment, "sources", "import", broken);

        Assert.Equal((2, 2), (missing.ExitCode, unreadable.ExitCode));
        Assert.Contains("khong-co.opml", missing.Error);
        Assert.Contains("hong.opml", unreadable.Error);
    }

    [Theory]
    [InlineData("import")]
    [InlineData("generate")]
    public async Task Import_and_generate_create_the_database(string verb)
    {
        var result = verb == "import"
            ? await CliProcess.RunAsync(_root, Environment, "import", Path.Combine(_root, "seeds"))
            : await CliProcess.RunAsync(_root, Environment, "generate", "--articles", "3");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(File.Exists(DatabasePath));
    }
}
