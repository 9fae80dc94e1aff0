namespace Syndication.Worker.Tests.Ingestion.Polling;

/// <summary>Editorial rules as an operator uses them: separate processes, a real database, a feed on loopback.</summary>
public sealed class RulesCliTests : IAsyncLifetime
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
        // Titles "Tin 0 của nguồn 1: tín dụng chính sách ở Đắk Lắk", "Tin 1 …", "Tin 2 …".
        _feeds.ServeFeed("/a.rss", NewsFeedFixture.Rss(1, 3), "application/rss+xml");
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
    public async Task A_saved_drop_rule_keeps_matching_entries_out_of_the_next_poll_and_counts_them()
    {
        var added = await RunAsync("rules", "add", "--action", "drop", "--kind", "phrase", "--pattern", "tin 1 của");
        var poll = await RunAsync("poll");
        var list = await RunAsync("rules", "list");
        var left = await RunAsync("rules", "preview", "--action", "drop", "--kind", "words", "--pattern", "dak lak");

        Assert.Equal(0, added.ExitCode);
        Assert.Contains("Rule 1: drop phrase 'tin 1 của' for every source", added.Output);
        Assert.Contains("2 new", poll.Output);
        Assert.Matches(@"\b1\s+all\s+drop\s+phrase\s+1\s", list.Output);
        // Only the two kept entries were stored: a rule matching every title sees two.
        Assert.Contains("would drop 2 of 2", left.Output);
        Assert.DoesNotContain("Tin 1 của", left.Output);
    }

    [Fact]
    public async Task A_rule_is_previewed_saved_and_applied_to_stored_entries()
    {
        await RunAsync("poll");
        var preview = await RunAsync("rules", "preview", "--action", "drop", "--kind", "regex", "--pattern", @"^Tin [02] ", "--last", "10");
        var listedBefore = await RunAsync("rules", "list");
        await RunAsync("rules", "add", "--action", "drop", "--kind", "regex", "--pattern", @"^Tin [02] ", "--source", "1");
        var applied = await RunAsync("rules", "apply", "1");
        var after = await RunAsync("rules", "preview", "--action", "drop", "--kind", "words", "--pattern", "tin");
        var list = await RunAsync("rules", "list");

        Assert.Equal(0, preview.ExitCode);
        Assert.Contains("would drop 2 of 3", preview.Output);
        Assert.Contains("Tin 0 của nguồn 1", preview.Output);
        Assert.DoesNotContain("drop", listedBefore.Output);
        Assert.Equal(0, applied.ExitCode);
        Assert.Contains("Rule 1 deleted 2 stored entries", applied.Output);
        Assert.Contains("would drop 1 of 1", after.Output);
        Assert.Matches(@"\b1\s+1\s+drop\s+regex\s+2\s", list.Output);
    }

    [Fact]
    public async Task Bad_rules_are_usage_errors_naming_the_part_and_unknown_ids_are_bad_arguments()
    {
        var regex = await RunAsync("rules", "add", "--action", "drop", "--kind", "regex", "--pattern", "giá (cà");
        var action = await RunAsync("rules", "preview", "--action", "hide", "--kind", "words", "--pattern", "x");
        var source = await RunAsync("rules", "add", "--action", "drop", "--kind", "words", "--pattern", "x", "--source", "42");
        var remove = await RunAsync("rules", "remove", "7");
        await RunAsync("rules", "add", "--action", "tag:Kinh tế", "--kind", "words", "--pattern", "tin dung");
        var applyTag = await RunAsync("rules", "apply", "1");

        Assert.Equal(5, regex.ExitCode);
        Assert.Contains("--pattern: invalid regular expression at position 7", regex.Error);
        Assert.Equal(5, action.ExitCode);
        Assert.Contains("--action: 'hide' is not one of drop, keep-only, tag:LABEL", action.Error);
        Assert.Equal(4, source.ExitCode);
        Assert.Contains("there is no source 42", source.Error);
        Assert.Equal(4, remove.ExitCode);
        Assert.Contains("there is no rule 7", remove.Error);
        Assert.Equal(4, applyTag.ExitCode);
        Assert.Contains("only drop rules are applied", applyTag.Error);
        Assert.Empty((await RunAsync("rules", "list")).Error);
    }
}
