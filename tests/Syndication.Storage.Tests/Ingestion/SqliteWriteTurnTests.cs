using Microsoft.Data.Sqlite;
using Syndication.Core.Ingestion;
using Syndication.Core.Ingestion.Opml;
using Syndication.Core.Ingestion.Sources;
using Syndication.Storage.Ingestion;

namespace Syndication.Storage.Tests.Ingestion;

/// <summary>
/// SQLite only: the poll path's writers of one process queue for the write turn in the process, first come first
/// served, instead of racing in SQLite's busy handler (where four polls at once ran one past the busy timeout).
/// </summary>
public sealed class SqliteWriteTurnTests : IAsyncLifetime, IDisposable
{
    private readonly TemporaryDatabase _temporary = new();

    public async Task InitializeAsync() => await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _temporary.Dispose();

    private static ParsedEntry Entry(int source, int n) =>
        new($"https://nguon{source}.example/{n}", $"https://nguon{source}.example/{n}.html",
            $"Tin {n} của nguồn {source}: tín dụng chính sách ở Đắk Lắk", DateTimeOffset.UtcNow.AddHours(-n), null, [],
            $"<p>Ngân hàng Chính sách xã hội giải ngân vốn cho hộ nghèo, tin số {n}. {string.Concat(Enumerable.Repeat("Nội dung dài. ", 40))}</p>",
            null, [], []);

    private static PollRecord Poll(long sourceId) => new()
    {
        SourceId = sourceId,
        PolledAt = DateTimeOffset.UtcNow,
        Succeeded = true,
        HttpStatus = 200,
        NextPoll = DateTimeOffset.UtcNow.AddMinutes(30),
        IntervalMinutes = 30,
    };

    private static async Task<List<long>> AddSourcesAsync(SqliteDatabase database, int count)
    {
        var sources = new SourceStore(database, TimeProvider.System);
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await sources.AddAsync(new OpmlOutline($"https://nguon{i}.example/rss", null, null, null), SourceOrigins.Cli, CancellationToken.None)).Id);
        }
        return ids;
    }

    [Fact]
    public async Task A_poll_whose_record_fails_alone_fails_none_of_the_polls_queued_behind_it()
    {
        var sources = await AddSourcesAsync(_temporary.Database, 3);
        // Patient: the batch below waits for the file lock as long as the test holds it.
        var database = new SqliteDatabase(_temporary.Database.Path, TimeSpan.FromSeconds(60));
        var recorder = new PollRecorder(database);
        await using var other = new SqliteConnection($"Data Source={_temporary.Database.Path};Pooling=False");
        await other.OpenAsync();
        await using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
        }

        // No such source: its history line breaks the foreign key. Queued while the turn is held, then taken alone by
        // its batch, which waits for the file lock.
        var turn = await database.WriteTurnAsync(CancellationToken.None);
        var lone = recorder.RecordAsync(Poll(999_999));
        Assert.Equal(1, recorder.Queued);
        await turn.DisposeAsync();
        async Task TakenAsync()
        {
            while (recorder.Queued > 0)
            {
                await Task.Delay(10);
            }
        }
        await TakenAsync().WaitAsync(TimeSpan.FromSeconds(90));
        Assert.False(lone.IsCompleted);
        var behind = sources.Select(source => recorder.RecordAsync(Poll(source) with { HttpStatus = 304 })).ToList();
        Assert.Equal(sources.Count, recorder.Queued);
        await using (var rollback = other.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }

        await Assert.ThrowsAsync<SqliteException>(() => lone);
        await Task.WhenAll(behind);
        var store = new SourceStore(_temporary.Database, TimeProvider.System);
        foreach (var source in sources)
        {
            Assert.Equal(304, (await store.GetAsync(source, CancellationToken.None))!.LastStatus);
        }
    }

    [Fact]
    public async Task A_poll_save_waits_for_the_turn_in_the_process_without_holding_the_file_lock()
    {
        var database = _temporary.Database;
        var source = (await AddSourcesAsync(database, 1))[0];
        var turn = await database.WriteTurnAsync(CancellationToken.None);

        var save = new EntryStore(database).SavePollAsync(Poll(source), [Entry(0, 1)], CancellationToken.None);

        // Another writer of the file gets the lock at once (no busy wait): the save is queued here, not in SQLite.
        await using (var other = new SqliteConnection($"Data Source={database.Path}"))
        {
            await other.OpenAsync();
            await using var command = other.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; ROLLBACK;";
            await command.ExecuteNonQueryAsync();
        }
        Assert.False(save.IsCompleted);

        await turn.DisposeAsync();
        Assert.Equal(1, (await save).New);
    }

    [Fact]
    public async Task Polls_and_leases_of_one_process_at_once_never_meet_the_busy_timeout()
    {
        // A busy timeout far shorter than eight 50-entry saves in a row: racing in the busy handler, some would fail.
        var database = new SqliteDatabase(_temporary.Database.Path, TimeSpan.FromMilliseconds(1));
        var ids = await AddSourcesAsync(database, 8);
        var entries = new EntryStore(database);
        var sources = new SourceStore(database, TimeProvider.System);

        var results = await Task.WhenAll(ids.Select(id => Task.Run(async () =>
        {
            var claimed = await sources.ClaimAsync(id, "nut-a", TimeSpan.FromMinutes(1), CancellationToken.None);
            Assert.NotNull(claimed);
            var saved = await entries.SavePollAsync(Poll(id) with { LeaseOwner = "nut-a" }, [.. Enumerable.Range(0, 50).Select(n => Entry((int)id, n))], CancellationToken.None);
            await sources.ReleaseLeaseAsync(id, "nut-a", null, CancellationToken.None);
            return saved;
        })));

        Assert.All(results, result => Assert.Equal(50, result.New));
        Assert.Equal(400, await entries.CountAsync(null, CancellationToken.None));
    }
}
