using Dapper;
using Syndication.Core.Ingestion.Stories;
using Microsoft.Data.Sqlite;
using Syndication.Core.Ingestion;
using Syndication.Core.Ingestion.Opml;
using Syndication.Core.Ingestion.Sources;
using Syndication.Storage.Ingestion;
using Syndication.Storage.Stories;

namespace Syndication.Storage.Tests.Stories;

/// <summary>
/// A SQLite file written through two handles, as the service and a <c>syndication poll</c> beside it would: what one
/// process remembers of the story index must never place an entry differently from what the file holds.
/// </summary>
public sealed class StoryCacheTests : IAsyncLifetime, IDisposable
{
    private const string Body =
        "Theo Sở Nông nghiệp tỉnh Đắk Lắk, giá cà phê nhân xô tại các huyện Krông Pắc, Cư M'gar và Buôn Hồ tăng mạnh so với "
        + "phiên trước nhờ nhu cầu xuất khẩu cao. Nông dân phấn khởi thu hoạch vụ mới, nhiều hộ giữ hàng chờ giá lên thêm. Các "
        + "doanh nghiệp thu mua cho biết lượng hàng về kho ít hơn cùng kỳ năm ngoái do mưa kéo dài làm chậm việc phơi sấy.";

    private const string Rain =
        "Nước dâng cao tại các phường Tân Lợi, Thành Nhất và Ea Tam sau trận mưa kéo dài từ chiều qua. Lực lượng chức năng "
        + "đã cắm biển cảnh báo, hướng dẫn người dân đi đường khác, nhiều hộ phải kê đồ đạc lên cao và chờ nước rút.";

    private static readonly DateTimeOffset Noon = new(2026, 12, 6, 5, 0, 0, TimeSpan.Zero);
    private readonly TemporaryDatabase _temporary = new();
    private readonly SqliteDatabase _other;
    private readonly EntryStore _here;
    private readonly EntryStore _there;
    private readonly List<long> _sources = [];

    public StoryCacheTests()
    {
        _other = new SqliteDatabase(_temporary.Database.Path, TimeSpan.FromSeconds(5));
        _here = new EntryStore(_temporary.Database);
        _there = new EntryStore(_other);
    }

    public async Task InitializeAsync()
    {
        await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);
        var sources = new SourceStore(_temporary.Database, TimeProvider.System);
        for (var i = 1; i <= 3; i++)
        {
            _sources.Add((await sources.AddAsync(new OpmlOutline($"https://nguon{i}.example.vn/rss", null, null, null), SourceOrigins.Cli, CancellationToken.None)).Id);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temporary.Dispose();
    }

    [Fact]
    public void A_band_remembered_keeps_its_newest_entries_newest_first_as_entries_are_committed()
    {
        var perBand = StoryAssigner.PerBand;
        long[] few = [30, 20, 10];
        Assert.Equal([40L, 30, 20, 10], StoryCache.Use.Newest(few, 40));
        Assert.Equal([30L, 25, 20, 10], StoryCache.Use.Newest(few, 25));
        Assert.Same(few, StoryCache.Use.Newest(few, 20));
        Assert.Equal([30L, 20, 10], few);

        // A full band (a templated one) takes a newer entry in place: the oldest drops out.
        var full = Enumerable.Range(1, perBand).Select(i => 1000L - (i * 10)).ToArray();
        var expected = full.Prepend(1005L).Take(perBand).ToArray();
        Assert.Equal(expected, StoryCache.Use.Newest(full, 1005));
        var middle = expected.Take(3).Append(expected[2] - 5).Concat(expected.Skip(3)).Take(perBand).ToArray();
        Assert.Equal(middle, StoryCache.Use.Newest(full, expected[2] - 5));
        // One older than all of them is not among the newest.
        Assert.Equal(middle, StoryCache.Use.Newest(full, 1));
    }

    [Fact]
    public async Task A_story_another_process_started_is_joined_by_its_copy_stored_here()
    {
        // The 5/12 and 6/12 prices share their text but not their date: two stories. Here the 5/12 one's bands are
        // remembered (the body's bands among them); the 6/12 one is stored by the other process, and the copy stored
        // here must find it, not settle for the remembered 5/12 one.
        await SaveAsync(_here, 0, "Giá cà phê hôm nay 5/12 tăng mạnh");
        var started = await SaveAsync(_there, 1, "Giá cà phê hôm nay 6/12 tăng mạnh");

        var copy = await SaveAsync(_here, 2, "Giá cà phê hôm nay 6/12 tăng mạnh");

        Assert.Equal(started, await StoryOfAsync(started));
        Assert.Equal(started, await StoryOfAsync(copy));
    }

    [Fact]
    public async Task Bands_remembered_are_read_again_once_another_process_stored_entries()
    {
        await SaveAsync(_here, 0, "Giá cà phê hôm nay 5/12 tăng mạnh");
        long[] stored;
        await using (var connection = await _temporary.Database.OpenAsync(CancellationToken.None))
        {
            stored = StorySignature.StoredBands(await connection.ExecuteScalarAsync<byte[]>("SELECT story_hashes FROM entries"))[..3];
        }
        var cache = _temporary.Database.StoryCache;
        var reads = new List<long[]>();
        Task<Dictionary<long, long[]>> Read(long[] bands)
        {
            reads.Add(bands);
            return Task.FromResult(bands.ToDictionary(band => band, _ => Array.Empty<long>()));
        }
        await LookUpAsync(cache, stored[..2], Read);
        await LookUpAsync(cache, stored, Read);
        Assert.Equal([stored[..2], stored[2..]], reads);

        await SaveAsync(_there, 1, "Giá cà phê hôm nay 6/12 tăng mạnh");
        await LookUpAsync(cache, stored, Read);

        Assert.Equal([stored[..2], stored[2..], stored], reads);
    }

    [Fact]
    public async Task A_copy_of_an_entry_another_process_stored_finds_it_though_its_bands_were_never_seen_here()
    {
        // The first poll here builds the filter of stored bands; the other process's entry comes after it.
        await SaveAsync(_here, 2, "Mưa lớn gây ngập nhiều tuyến đường ở Buôn Ma Thuột", Rain);
        var first = await SaveAsync(_there, 1, "Giá cà phê hôm nay 5/12 tăng mạnh");

        var copy = await SaveAsync(_here, 0, "Giá cà phê hôm nay 5/12 tăng mạnh");

        Assert.Equal(first, await StoryOfAsync(copy));
    }

    [Fact]
    public async Task After_a_rebuild_here_a_copy_finds_an_entry_the_rebuild_signed()
    {
        await SaveAsync(_here, 2, "Mưa lớn gây ngập nhiều tuyến đường ở Buôn Ma Thuột", Rain);
        var first = await SaveAsync(_there, 1, "Giá cà phê hôm nay 5/12 tăng mạnh");
        await using (var connection = await _temporary.Database.OpenAsync(CancellationToken.None))
        {
            // As an entry stored before stories existed: no signature, no bands.
            await connection.ExecuteAsync("DELETE FROM entry_story_bands WHERE entry_id = @Id; UPDATE entries SET story_hashes = NULL, story_numbers = NULL WHERE id = @Id", new { Id = first });
        }
        // A poll here after it: this process has now seen every entry up to the unsigned one.
        await SaveAsync(_here, 2, "Mưa lớn gây ngập nhiều tuyến đường ở Buôn Ma Thuột", Rain, "https://nguon3.example.vn/mua-lon.html");

        await new StoryStore(_temporary.Database).RebuildAsync(null, CancellationToken.None);
        var copy = await SaveAsync(_here, 0, "Giá cà phê hôm nay 5/12 tăng mạnh");

        Assert.Equal(first, await StoryOfAsync(copy));
    }

    [Fact]
    public async Task A_copy_of_an_entry_another_process_deleted_starts_its_own_story()
    {
        var first = await SaveAsync(_here, 0, "Giá cà phê hôm nay 5/12 tăng mạnh");
        // A later entry keeps the highest id where it was: the delete is seen only in what the file says of the first.
        await SaveAsync(_here, 2, "Mưa lớn gây ngập nhiều tuyến đường ở Buôn Ma Thuột", Rain);
        Assert.Equal(1, await _there.DeleteAsync([first], CancellationToken.None));

        var copy = await SaveAsync(_here, 1, "Giá cà phê hôm nay 5/12 tăng mạnh");

        Assert.Equal(copy, await StoryOfAsync(copy));
    }

    [Fact]
    public async Task A_copy_of_what_an_entry_said_before_another_process_rewrote_it_starts_its_own_story()
    {
        var first = await SaveAsync(_here, 0, "Giá cà phê hôm nay 5/12 tăng mạnh");
        var rewritten = await SaveAsync(_there, 0, "Mưa lớn gây ngập nhiều tuyến đường ở Buôn Ma Thuột", Rain);
        Assert.Equal(first, rewritten);

        var copy = await SaveAsync(_here, 1, "Giá cà phê hôm nay 5/12 tăng mạnh");

        Assert.Equal(copy, await StoryOfAsync(copy));
        Assert.Equal(first, await StoryOfAsync(first));
    }

    [Fact]
    public async Task Copies_stored_here_one_poll_after_another_are_one_story()
    {
        var first = await SaveAsync(_here, 0, "Giá cà phê hôm nay 5/12 tăng mạnh");
        var second = await SaveAsync(_here, 1, "Giá cà phê 5/12: tăng mạnh");
        var other = await SaveAsync(_here, 1, "Giá cà phê hôm nay 6/12 tăng mạnh", link: "https://nguon2.example.vn/gia-ca-phe-6-12.html");

        var third = await SaveAsync(_here, 2, "Giá cà phê hôm nay 6/12 tăng mạnh");

        Assert.Equal(first, await StoryOfAsync(second));
        Assert.Equal(other, await StoryOfAsync(other));
        Assert.Equal(other, await StoryOfAsync(third));
    }

    [Fact]
    public async Task A_process_started_after_a_fold_finds_the_story_in_the_run()
    {
        // This handle's first poll builds its filter of stored bands from the file: the run's bands must be in it.
        var first = await SaveAsync(_there, 1, "Giá cà phê hôm nay 5/12 tăng mạnh");
        await FoldAsync();

        var copy = await SaveAsync(_here, 0, "Giá cà phê hôm nay 5/12 tăng mạnh");

        Assert.Equal(first, await StoryOfAsync(copy));
    }

    [Fact]
    public async Task A_run_another_process_folded_is_read_here()
    {
        // This process has listed the runs (none yet) before the other one stores and folds the original.
        await SaveAsync(_here, 2, "Mưa lớn gây ngập nhiều tuyến đường ở Buôn Ma Thuột", Rain);
        var first = await SaveAsync(_there, 1, "Giá cà phê hôm nay 5/12 tăng mạnh");
        await FoldAsync();

        var copy = await SaveAsync(_here, 0, "Giá cà phê hôm nay 5/12 tăng mạnh");

        Assert.Equal(first, await StoryOfAsync(copy));
    }

    private async Task FoldAsync()
    {
        await using var connection = await _other.OpenAsync(CancellationToken.None);
        await StoryAssigner.FoldAsync(connection, null);
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM story_band_runs"));
        Assert.Empty(await StoryAssigner.UnfoldedAsync(connection, null));
    }

    /// <summary>Saves a poll of one entry for the source, through one handle; returns the entry's id.</summary>
    private async Task<long> SaveAsync(EntryStore store, int source, string title, string body = Body, string? link = null)
    {
        link ??= $"https://nguon{source + 1}.example.vn/gia-ca-phe.html";
        var entry = new ParsedEntry(link, link, title, Noon.AddMinutes(source), null, [], $"<p>{body}</p>", null, [], []);
        var poll = new PollRecord { SourceId = _sources[source], PolledAt = Noon, Succeeded = true, HttpStatus = 200, NextPoll = Noon.AddMinutes(30), IntervalMinutes = 30 };
        await store.SavePollAsync(poll, [entry], CancellationToken.None);
        await using var connection = await _temporary.Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>("SELECT id FROM entries WHERE link = @Link", new { Link = link });
    }

    [Fact]
    public async Task The_candidates_of_one_poll_are_not_among_the_next_polls_though_it_gets_the_same_table()
    {
        var cache = new StoryCache();
        var signature = StorySignature.Of("Giá cà phê tăng mạnh", $"<p>{Body}</p>", null);
        StoryCandidate Candidate(long id, int source) => new(id, id, _sources[source], signature, Noon);

        // A poll of the first source reads two candidates of the second.
        var (table, firstIds) = await CandidatesAsync(cache, [1, 2], _sources[0], _ => new() { [1] = Candidate(1, 1), [2] = Candidate(2, 1) });
        Assert.Equal([1L, 2], firstIds);

        // A poll of the second source asks for one candidate of the third: it is handed the same table, holding that one
        // alone — not the first poll's two, which are the second source's own entries.
        var (next, nextIds) = await CandidatesAsync(cache, [3], _sources[1], _ => new() { [3] = Candidate(3, 2) });
        Assert.Same(table, next);
        Assert.Equal([3L], nextIds);
    }

    /// <summary>One poll's candidates read through the cache, in a write transaction of its own, and handed back as
    /// StoryAssigner does once it has placed the poll's entries: the table, and the ids it held for the poll.</summary>
    private async Task<(Dictionary<long, StoryCandidate> Table, long[] Ids)> CandidatesAsync(
        StoryCache cache, long[] ids, long sourceId, Func<long[], Dictionary<long, StoryCandidate>> read)
    {
        await using var connection = await _temporary.Database.OpenAsync(CancellationToken.None);
        await using var transaction = await _temporary.Database.BeginWriteAsync(connection, CancellationToken.None);
        var use = await cache.BeginAsync(connection, transaction);
        var found = await use.CandidatesAsync(ids, sourceId, missing => Task.FromResult(read(missing)));
        var held = found.Keys.Order().ToArray();
        use.Release(found);
        use.Committed();
        await transaction.CommitAsync();
        return (found, held);
    }

    /// <summary>One poll's lookup of these bands through the cache, in a write transaction of its own.</summary>
    private async Task LookUpAsync(StoryCache cache, long[] bands, Func<long[], Task<Dictionary<long, long[]>>> read)
    {
        await using var connection = await _temporary.Database.OpenAsync(CancellationToken.None);
        await using var transaction = await _temporary.Database.BeginWriteAsync(connection, CancellationToken.None);
        var use = await cache.BeginAsync(connection, transaction);
        await use.SharingAsync(bands, read);
        use.Committed();
        await transaction.CommitAsync();
    }

    private async Task<long> StoryOfAsync(long entryId)
    {
        await using var connection = await _temporary.Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>("SELECT story_id FROM entries WHERE id = @Id", new { Id = entryId });
    }
}
