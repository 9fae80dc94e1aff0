using Syndication.Core.Ingestion.Opml;
using Syndication.Core.Ingestion.Sources;
using Syndication.Storage.Ingestion;
using Syndication.Testing;

namespace Syndication.Storage.Tests.Ingestion;

/// <summary>The store's contract, run on each engine by the classes below.</summary>
public abstract class SourceStoreTests : IAsyncLifetime, IDisposable
{
    private readonly TestDatabase _temporary;
    private readonly SourceStore _sources;

    protected SourceStoreTests(TestDatabase temporary)
    {
        _temporary = temporary;
        _sources = new SourceStore(_temporary.Database, _temporary.Clock);
    }

    public async Task InitializeAsync() => await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _temporary.Dispose();
        GC.SuppressFinalize(this);
    }

    private static OpmlOutline Outline(string name, string? title = null) => new($"https://{name}.example/rss", title ?? name, null, "Tin");

    [DatabaseFact]
    public async Task Opml_sync_adds_renames_removes_and_restores()
    {
        var first = await _sources.SyncOpmlAsync([Outline("a"), Outline("b"), Outline("c")], CancellationToken.None);
        var second = await _sources.SyncOpmlAsync([Outline("a", "A mới"), Outline("c")], CancellationToken.None);
        var third = await _sources.SyncOpmlAsync([Outline("a", "A mới"), Outline("b"), Outline("c")], CancellationToken.None);

        Assert.Equal(new SourceSyncReport(3, 0, 0, 0), first);
        Assert.Equal(new SourceSyncReport(0, 1, 1, 0), second);
        Assert.Equal(new SourceSyncReport(0, 0, 0, 1), third);
        var all = await _sources.ListAsync(includeRemoved: true, CancellationToken.None);
        Assert.Equal(3, all.Count);
        Assert.All(all, source => Assert.True(source.IsActive));
        Assert.Equal("A mới", all.Single(source => source.Url == "https://a.example/rss").Title);
    }

    [DatabaseFact]
    public async Task Opml_sync_of_an_unchanged_list_still_takes_over_listed_sources_and_enables_disabled_ones()
    {
        await _sources.SyncOpmlAsync([Outline("a"), Outline("b"), Outline("c")], CancellationToken.None);
        await _sources.AddAsync(Outline("tay"), SourceOrigins.Cli, CancellationToken.None);
        await using (var connection = await _temporary.Database.OpenAsync(CancellationToken.None))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection,
                "UPDATE sources SET disabled_reason = 'HTTP 410 Gone' WHERE url = 'https://b.example/rss'");
        }

        // Unchanged rows are not written again; one the list would change is, as before.
        var report = await _sources.SyncOpmlAsync(
            [Outline("a"), Outline("b"), Outline("c"), Outline("tay")], CancellationToken.None);

        Assert.Equal(new SourceSyncReport(0, 0, 0, 0), report);
        var all = await _sources.ListAsync(includeRemoved: true, CancellationToken.None);
        Assert.Equal(4, all.Count);
        Assert.All(all, source => Assert.True(source.IsActive, source.Url));
        Assert.All(all, source => Assert.Equal(SourceOrigins.Opml, source.Origin));
    }

    [DatabaseFact]
    public async Task Opml_sync_leaves_sources_added_by_hand_alone()
    {
        await _sources.AddAsync(Outline("tay"), SourceOrigins.Cli, CancellationToken.None);

        var report = await _sources.SyncOpmlAsync([Outline("a")], CancellationToken.None);

        Assert.Equal(0, report.Removed);
        Assert.Equal(2, (await _sources.ListAsync(includeRemoved: false, CancellationToken.None)).Count);
    }

    [DatabaseFact]
    public async Task Removing_keeps_the_row_and_adding_again_brings_it_back()
    {
        var added = await _sources.AddAsync(Outline("a"), SourceOrigins.Cli, CancellationToken.None);

        Assert.True(await _sources.RemoveAsync(added.Id, CancellationToken.None));
        Assert.False(await _sources.RemoveAsync(added.Id, CancellationToken.None));
        Assert.Empty(await _sources.ListAsync(includeRemoved: false, CancellationToken.None));
        var removed = Assert.Single(await _sources.ListAsync(includeRemoved: true, CancellationToken.None));
        Assert.Equal(TestDatabase.Start, removed.Removed);

        var back = await _sources.AddAsync(Outline("a"), SourceOrigins.Cli, CancellationToken.None);
        Assert.Equal((added.Id, true), (back.Id, back.IsActive));
    }
}

public sealed class SqliteSourceStoreTests() : SourceStoreTests(new TemporaryDatabase());

[Collection(PostgresTests.Name)]
public sealed class PostgresSourceStoreTests(PostgresServer server) : SourceStoreTests(new PostgresTestDatabase(server));
