using Syndication.Core.Ingestion;
using Syndication.Core.Ingestion.Opml;
using Syndication.Core.Ingestion.Sources;
using Syndication.Storage.Ingestion;
using Syndication.Testing;

namespace Syndication.Storage.Tests.Ingestion;

/// <summary>The store's contract, run on each engine by the classes below.</summary>
public abstract class EntryStoreTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Published = new(2026, 11, 20, 10, 3, 0, TimeSpan.Zero);
    private readonly TestDatabase _temporary;
    private readonly SourceStore _sources;
    private readonly EntryStore _entries;
    private Source _source = null!;

    protected EntryStoreTests(TestDatabase temporary)
    {
        _temporary = temporary;
        _sources = new SourceStore(_temporary.Database, _temporary.Clock);
        _entries = new EntryStore(_temporary.Database);
    }

    public async Task InitializeAsync()
    {
        await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);
        // Polled a day after the entries' date: an entry dated ahead of its poll by more than a day is not believed.
        _temporary.Clock.SetUtcNow(Published.AddDays(1));
        _source = await _sources.AddAsync(new OpmlOutline("https://nguon.example/rss", null, null, null), SourceOrigins.Cli, CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _temporary.Dispose();
        GC.SuppressFinalize(this);
    }

    private static ParsedEntry Entry(int n, string? title = null, DateTimeOffset? published = null) =>
        new($"https://nguon.example/{n}", $"https://nguon.example/{n}.html", title ?? $"Tin {n}", published ?? Published.AddHours(-n), null,
            ["Phóng viên"], $"<p>Tóm tắt {n}</p>", null, ["Kinh tế"], [new Enclosure($"https://nguon.example/{n}.jpg", "image/jpeg", 1234)]);

    private PollRecord Success(string? etag = "\"e1\"") => new()
    {
        SourceId = _source.Id,
        PolledAt = _temporary.Clock.GetUtcNow(),
        Succeeded = true,
        HttpStatus = 200,
        ETag = etag,
        LastModified = "Fri, 20 Nov 2026 10:03:00 GMT",
        NextPoll = _temporary.Clock.GetUtcNow().AddMinutes(30),
        IntervalMinutes = 30,
        FeedTitle = "Báo Nguồn",
        FeedSiteUrl = "https://nguon.example/",
    };

    private PollRecord Failure(string error, int status) => Success() with
    {
        Succeeded = false,
        HttpStatus = status,
        Error = error,
        ETag = null,
        LastModified = null,
    };

    [DatabaseFact]
    public async Task A_poll_stores_each_entry_once_even_when_the_feed_repeats_it()
    {
        var result = await _entries.SavePollAsync(Success(), [Entry(1), Entry(2), Entry(1, title: "Tin 1 lặp")], CancellationToken.None);

        Assert.Equal(new PollSaveResult(2, 0, 0), result);
        var stored = await _entries.GetLatestAsync(10, CancellationToken.None);
        Assert.Equal(["Tin 1", "Tin 2"], stored.Select(entry => entry.Title));
        var first = stored[0];
        Assert.Equal(("https://nguon.example/1", "https://nguon.example/rss", "Báo Nguồn"), (first.OriginalId, first.SourceUrl, first.SourceTitle));
        Assert.Equal([new Enclosure("https://nguon.example/1.jpg", "image/jpeg", 1234)], first.Enclosures);
        Assert.Equal(["Phóng viên"], first.Authors);
    }

    [DatabaseFact]
    public async Task Polling_again_updates_changed_entries_and_keeps_vanished_ones()
    {
        await _entries.SavePollAsync(Success(), [Entry(1), Entry(2), Entry(3)], CancellationToken.None);
        _temporary.Clock.Advance(TimeSpan.FromHours(1));

        var result = await _entries.SavePollAsync(Success(), [Entry(1, title: "Tin 1 (sửa)"), Entry(2)], CancellationToken.None);

        Assert.Equal(new PollSaveResult(0, 1, 1), result);
        Assert.Equal(3, await _entries.CountAsync(_source.Id, CancellationToken.None));
        var edited = (await _entries.GetLatestAsync(10, CancellationToken.None)).Single(entry => entry.OriginalId == "https://nguon.example/1");
        Assert.Equal("Tin 1 (sửa)", edited.Title);
        Assert.Equal(_temporary.Clock.GetUtcNow(), edited.Updated);
    }

    [DatabaseFact]
    public async Task Entries_revision_moves_only_when_entries_change()
    {
        var articles = new Syndication.Storage.Articles.ArticleStore(_temporary.Database, _temporary.Clock);
        var before = await articles.GetRevisionsAsync(CancellationToken.None);

        await _entries.SavePollAsync(Success(), [Entry(1)], CancellationToken.None);
        var afterNew = await articles.GetRevisionsAsync(CancellationToken.None);
        await _entries.SavePollAsync(Success(), [Entry(1)], CancellationToken.None);
        var afterSame = await articles.GetRevisionsAsync(CancellationToken.None);

        Assert.Equal(before.Entries + 1, afterNew.Entries);
        Assert.Equal(afterNew, afterSame);
        Assert.Equal(before.Articles, afterSame.Articles);
    }

    [DatabaseFact]
    public async Task Source_state_counts_failures_and_keeps_validators_of_the_last_success()
    {
        await _entries.SavePollAsync(Success(), [Entry(1)], CancellationToken.None);
        await _entries.SavePollAsync(Failure("HTTP 500 Internal Server Error", 500), [], CancellationToken.None);
        await _entries.SavePollAsync(Failure("timed out after 30 s", 0), [], CancellationToken.None);

        var source = (await _sources.GetAsync(_source.Id, CancellationToken.None))!;

        Assert.Equal((2, "timed out after 30 s", "\"e1\"", 1), (source.ConsecutiveFailures, source.LastError, source.ETag, source.EntryCount));
        Assert.Equal("Báo Nguồn", source.Title);

        await _entries.SavePollAsync(Success(etag: "\"e2\""), [], CancellationToken.None);
        source = (await _sources.GetAsync(_source.Id, CancellationToken.None))!;
        Assert.Equal((0, null, "\"e2\""), (source.ConsecutiveFailures, source.LastError, source.ETag));
    }

    [DatabaseFact]
    public async Task Each_poll_is_recorded_and_only_the_newest_are_kept()
    {
        await _entries.SavePollAsync(Success() with { Duration = TimeSpan.FromMilliseconds(42) }, [Entry(1), Entry(2)], CancellationToken.None);
        for (var i = 0; i < EntryStore.PollsKept; i++)
        {
            _temporary.Clock.Advance(TimeSpan.FromMinutes(30));
            await _entries.SavePollAsync(Failure("HTTP 500 Internal Server Error", 500), [], CancellationToken.None);
        }

        var polls = await _entries.GetRecentPollsAsync(_source.Id, CancellationToken.None);

        Assert.Equal(EntryStore.PollsKept, polls.Count);
        Assert.Equal(new SourcePoll(_temporary.Clock.GetUtcNow(), false, 500, "HTTP 500 Internal Server Error", 0, 0, null), polls[0]);
        Assert.DoesNotContain(polls, poll => poll.Succeeded);
        // The older ones are gone from the table, not only left out of the answer.
        await using var connection = await _temporary.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(EntryStore.PollsKept, await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection,
            "SELECT count(*) FROM source_polls WHERE source_id = @Id", new { Id = _source.Id }));
    }

    [DatabaseFact]
    public async Task A_recorded_poll_says_what_it_stored_and_how_long_it_took()
    {
        await _entries.SavePollAsync(Success() with { Duration = TimeSpan.FromMilliseconds(42) }, [Entry(1), Entry(2)], CancellationToken.None);
        _temporary.Clock.Advance(TimeSpan.FromMinutes(30));
        await _entries.SavePollAsync(Success(), [Entry(1, title: "Tin 1 (sửa)"), Entry(2), Entry(3)], CancellationToken.None);

        var polls = await _entries.GetRecentPollsAsync(_source.Id, CancellationToken.None);
        var latest = await _entries.GetLatestOfSourceAsync(_source.Id, 2, CancellationToken.None);

        Assert.Equal([(true, 200, 1, 1, (TimeSpan?)null), (true, 200, 2, 0, TimeSpan.FromMilliseconds(42))],
            polls.Select(poll => (poll.Succeeded, poll.HttpStatus ?? 0, poll.NewEntries, poll.UpdatedEntries, poll.Duration)));
        Assert.Equal(["Tin 1 (sửa)", "Tin 2"], latest.Select(entry => entry.Title));
    }

    [DatabaseFact]
    public async Task Polls_that_store_nothing_are_recorded_together_and_one_that_cannot_be_loses_none_of_the_others()
    {
        var sources = new List<Source>();
        for (var i = 0; i < 6; i++)
        {
            sources.Add(await _sources.AddAsync(new OpmlOutline($"https://nguon{i}.example/rss", null, null, null), SourceOrigins.Cli, CancellationToken.None));
        }
        var unchanged = sources.Select(source => Success() with { SourceId = source.Id, HttpStatus = 304, ETag = $"\"{source.Id}\"" }).ToList();
        // No such source: its history line breaks the foreign key, in the middle of the batch.
        unchanged.Insert(3, Success() with { SourceId = 999_999 });
        List<Task<PollSaveResult>> saves;
        // The write turn held (SQLite's; PostgreSQL has none), every poll queues before any is written: one batch.
        await using (await _temporary.Database.WriteTurnAsync(CancellationToken.None))
        {
            saves = [.. unchanged.Select(poll => _entries.SavePollAsync(poll, [], CancellationToken.None))];
        }

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => saves[3]);
        await Task.WhenAll(saves.Where((_, index) => index != 3));
        foreach (var source in sources)
        {
            var stored = (await _sources.GetAsync(source.Id, CancellationToken.None))!;
            Assert.Equal((304, $"\"{source.Id}\"", (DateTimeOffset?)_temporary.Clock.GetUtcNow()), (stored.LastStatus, stored.ETag, stored.LastPoll));
            Assert.Single(await _entries.GetRecentPollsAsync(source.Id, CancellationToken.None));
        }
    }

    [DatabaseFact]
    public async Task A_permanent_move_changes_the_url_unless_another_source_has_it()
    {
        var other = await _sources.AddAsync(new OpmlOutline("https://khac.example/rss", null, null, null), SourceOrigins.Cli, CancellationToken.None);

        await _entries.SavePollAsync(Success() with { MovedTo = "https://khac.example/rss" }, [], CancellationToken.None);
        Assert.Equal("https://nguon.example/rss", (await _sources.GetAsync(_source.Id, CancellationToken.None))!.Url);

        await _entries.SavePollAsync(Success() with { MovedTo = "https://moi.example/rss" }, [], CancellationToken.None);
        Assert.Equal("https://moi.example/rss", (await _sources.GetAsync(_source.Id, CancellationToken.None))!.Url);
        Assert.Equal("https://khac.example/rss", (await _sources.GetAsync(other.Id, CancellationToken.None))!.Url);
    }

    [DatabaseFact]
    public async Task A_date_an_entry_may_not_carry_is_not_believed_and_the_entry_sorts_by_when_it_was_seen()
    {
        var now = _temporary.Clock.GetUtcNow();

        await _entries.SavePollAsync(
            Success(),
            [Entry(1, published: new DateTimeOffset(9998, 12, 31, 20, 0, 0, TimeSpan.Zero)), Entry(2, published: now.AddDays(3)), Entry(3, published: now.AddHours(-2))],
            CancellationToken.None);

        var stored = (await _entries.GetLatestAsync(10, CancellationToken.None)).ToDictionary(entry => entry.Title!);
        Assert.Equal((null, now), (stored["Tin 1"].Published, stored["Tin 1"].Sort));
        Assert.Equal((null, now), (stored["Tin 2"].Published, stored["Tin 2"].Sort));
        Assert.Equal(now.AddHours(-2), stored["Tin 3"].Published);
    }

    [DatabaseFact]
    public async Task Retention_deletes_entries_older_than_the_cutoff()
    {
        await _entries.SavePollAsync(Success(), [Entry(1, published: Published.AddDays(-40)), Entry(2, published: Published)], CancellationToken.None);

        var deleted = await _entries.DeleteOlderThanAsync(Published.AddDays(-30), CancellationToken.None);

        Assert.Equal(1, deleted);
        Assert.Equal(["Tin 2"], (await _entries.GetLatestAsync(10, CancellationToken.None)).Select(entry => entry.Title));
        Assert.Equal(1, (await _sources.GetAsync(_source.Id, CancellationToken.None))!.EntryCount);
    }
}

public sealed class SqliteEntryStoreTests() : EntryStoreTests(new TemporaryDatabase());

[Collection(PostgresTests.Name)]
public sealed class PostgresEntryStoreTests(PostgresServer server) : EntryStoreTests(new PostgresTestDatabase(server));
