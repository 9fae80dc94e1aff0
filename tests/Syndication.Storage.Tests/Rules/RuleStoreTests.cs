using Syndication.Core.Ingestion;
using Syndication.Core.Ingestion.Opml;
using Syndication.Core.Ingestion.Rules;
using Syndication.Core.Ingestion.Sources;
using Syndication.Storage.Ingestion;
using Syndication.Storage.Rules;
using Syndication.Testing;

namespace Syndication.Storage.Tests.Rules;

/// <summary>The store's contract, run on each engine by the classes below.</summary>
public abstract class RuleStoreTests : IAsyncLifetime, IDisposable
{
    private readonly TestDatabase _temporary;
    private readonly SourceStore _sources;
    private readonly EntryStore _entries;
    private readonly RuleStore _rules;
    private Source _source = null!;
    private Source _other = null!;

    protected RuleStoreTests(TestDatabase temporary)
    {
        _temporary = temporary;
        _sources = new SourceStore(_temporary.Database, _temporary.Clock);
        _entries = new EntryStore(_temporary.Database);
        _rules = new RuleStore(_temporary.Database, _temporary.Clock);
    }

    public async Task InitializeAsync()
    {
        await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);
        _source = await _sources.AddAsync(new OpmlOutline("https://nguon.example/rss", null, null, null), SourceOrigins.Cli, CancellationToken.None);
        _other = await _sources.AddAsync(new OpmlOutline("https://khac.example/rss", null, null, null), SourceOrigins.Cli, CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _temporary.Dispose();
        GC.SuppressFinalize(this);
    }

    private static EditorialRule Rule(string action, string kind, string pattern, long? source = null)
    {
        var (parsed, label) = RuleText.ParseAction(action);
        return new EditorialRule(0, source, parsed, label, RuleText.ParseKind(kind), pattern);
    }

    private static ParsedEntry Entry(int n, string title) =>
        new($"https://nguon.example/{n}", $"https://nguon.example/{n}.html", title, TestDatabase.Start.AddHours(-n), null, [], null, null, [], []);

    private PollRecord Poll(Source source) => new()
    {
        SourceId = source.Id,
        PolledAt = _temporary.Clock.GetUtcNow(),
        Succeeded = true,
        HttpStatus = 200,
        NextPoll = _temporary.Clock.GetUtcNow().AddMinutes(30),
        IntervalMinutes = 30,
    };

    [DatabaseFact]
    public async Task Added_rules_are_listed_with_their_scope_action_and_a_zero_count_and_removed_by_id()
    {
        var global = await _rules.AddAsync(Rule("drop", "words", "xổ số"), CancellationToken.None);
        var tag = await _rules.AddAsync(Rule("tag:Cà phê", "regex", @"cà\s+phê", _source.Id), CancellationToken.None);

        var listed = await _rules.ListAsync(CancellationToken.None);

        Assert.Equal([global.Rule.Id, tag.Rule.Id], listed.Select(rule => rule.Rule.Id));
        Assert.Equal(Rule("tag:Cà phê", "regex", @"cà\s+phê", _source.Id) with { Id = tag.Rule.Id }, listed[1].Rule);
        Assert.Null(listed[0].Rule.SourceId);
        Assert.Equal(TestDatabase.Start, listed[0].Created);
        Assert.All(listed, rule => Assert.Equal(0, rule.MatchedCount));

        Assert.True(await _rules.RemoveAsync(global.Rule.Id, CancellationToken.None));
        Assert.False(await _rules.RemoveAsync(global.Rule.Id, CancellationToken.None));
        Assert.Equal([tag.Rule.Id], (await _rules.ListAsync(CancellationToken.None)).Select(rule => rule.Rule.Id));
    }

    [DatabaseFact]
    public async Task A_bad_rule_or_an_unknown_source_is_refused_and_nothing_is_saved()
    {
        var regex = await Assert.ThrowsAsync<RuleException>(() => _rules.AddAsync(Rule("drop", "regex", "(a"), CancellationToken.None));
        var source = await Assert.ThrowsAsync<RuleException>(() => _rules.AddAsync(Rule("drop", "words", "a", 9999), CancellationToken.None));

        Assert.Equal("pattern", regex.Part);
        Assert.Equal("source: there is no source 9999", source.Message);
        Assert.Empty(await _rules.ListAsync(CancellationToken.None));
    }

    [DatabaseFact]
    public async Task A_source_loads_the_global_rules_and_its_own_and_match_counts_add_up()
    {
        var global = await _rules.AddAsync(Rule("drop", "words", "xo so"), CancellationToken.None);
        var own = await _rules.AddAsync(Rule("drop", "words", "bong da", _source.Id), CancellationToken.None);
        await _rules.AddAsync(Rule("drop", "words", "thoi tiet", _other.Id), CancellationToken.None);

        var set = await _rules.LoadForSourceAsync(_source.Id, CancellationToken.None);
        var filtering = set.Filter([Entry(1, "Xổ số"), Entry(2, "Bóng đá"), Entry(3, "Thời tiết"), Entry(4, "Bóng đá và xổ số")], _source.Id);
        await _rules.AddMatchesAsync(filtering.Matches, CancellationToken.None);
        await _rules.AddMatchesAsync(new Dictionary<long, int> { [global.Rule.Id] = 3 }, CancellationToken.None);

        Assert.Equal(["Thời tiết"], filtering.Kept.Select(entry => entry.Title));
        var counts = (await _rules.ListAsync(CancellationToken.None)).ToDictionary(rule => rule.Rule.Id, rule => rule.MatchedCount);
        Assert.Equal(5, counts[global.Rule.Id]);
        Assert.Equal(2, counts[own.Rule.Id]);
    }

    [DatabaseFact]
    public async Task A_tag_rule_label_is_stored_among_the_entry_categories()
    {
        await _rules.AddAsync(Rule("tag:Xổ số", "words", "xo so", _source.Id), CancellationToken.None);

        var set = await _rules.LoadForSourceAsync(_source.Id, CancellationToken.None);
        await _entries.SavePollAsync(Poll(_source), set.Filter([Entry(1, "Kết quả xổ số"), Entry(2, "Bóng đá")], _source.Id).Kept, CancellationToken.None);

        var stored = await _entries.GetPageAsync(_source.Id, 0, 10, CancellationToken.None);
        Assert.Equal(["Xổ số"], stored.Single(entry => entry.Title == "Kết quả xổ số").Categories);
        Assert.Empty(stored.Single(entry => entry.Title == "Bóng đá").Categories);
    }

    [DatabaseFact]
    public async Task Stored_entries_are_read_in_pages_and_deleted_by_id_with_the_source_count_kept()
    {
        await _entries.SavePollAsync(Poll(_source), [Entry(1, "Một"), Entry(2, "Hai"), Entry(3, "Ba")], CancellationToken.None);
        await _entries.SavePollAsync(Poll(_other), [Entry(4, "Bốn")], CancellationToken.None);

        var first = await _entries.GetPageAsync(_source.Id, 0, 2, CancellationToken.None);
        var rest = await _entries.GetPageAsync(_source.Id, first[^1].Id, 2, CancellationToken.None);
        var deleted = await _entries.DeleteAsync([first[0].Id, rest[0].Id], CancellationToken.None);

        Assert.Equal(["Một", "Hai", "Ba"], first.Concat(rest).Select(entry => entry.Title));
        Assert.Equal(2, deleted);
        Assert.Equal(["Hai"], (await _entries.GetPageAsync(_source.Id, 0, 10, CancellationToken.None)).Select(entry => entry.Title));
        Assert.Equal(1, (await _sources.GetAsync(_source.Id, CancellationToken.None))!.EntryCount);
        Assert.Equal(4, (await _entries.GetPageAsync(null, 0, 10, CancellationToken.None)).Count + 2);
    }
}

public sealed class SqliteRuleStoreTests() : RuleStoreTests(new TemporaryDatabase());

[Collection(PostgresTests.Name)]
public sealed class PostgresRuleStoreTests(PostgresServer server) : RuleStoreTests(new PostgresTestDatabase(server));
