using Dapper;
using Microsoft.Data.Sqlite;
using Syndication.Storage.Stories;

namespace Syndication.Storage.Tests.Stories;

public sealed class BandRunsTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset December = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);
    private readonly TemporaryDatabase _temporary = new();

    public Task InitializeAsync() => _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temporary.Dispose();
    }

    [Fact]
    public void A_run_gives_the_newest_entries_of_a_band_and_nothing_for_a_band_it_lacks()
    {
        // One band in 30 entries, the extremes of the range beside it, entries out of order.
        var shared = Band(7);
        var entries = Enumerable.Range(0, 30).Reverse()
            .Select(i => (Id: 100L + i, Bands: new[] { shared, Band(1000 + i), i == 0 ? long.MinValue : long.MaxValue })).ToList();
        var packed = BandRuns.Pack(entries, 100);
        var run = BandRuns.Unpack(packed, 100);

        Assert.Equal(Enumerable.Range(0, 5).Select(i => (shared, 129L - i)), Found(run, shared, 5));
        Assert.Equal([(Band(1003), 103L)], Found(run, Band(1003), 5));
        Assert.Equal([(long.MinValue, 100L)], Found(run, long.MinValue, 5));
        Assert.Equal(29, Found(run, long.MaxValue, 100).Count);
        Assert.Empty(Found(run, Band(8), 5));
        Assert.Equal(entries.SelectMany(entry => entry.Bands.Select(band => (band, entry.Id))).Order(), BandRuns.PairsOf(packed, 100));
    }

    [Fact]
    public void Every_band_of_a_full_run_is_found_through_its_filter_and_no_other_band()
    {
        // A fold's size: 2,048 entries of 32 bands each.
        var random = new Random(62);
        var entries = Enumerable.Range(0, 2048)
            .Select(i => (Id: 5_000L + i, Bands: Enumerable.Range(0, 32).Select(_ => random.NextInt64(long.MinValue, long.MaxValue)).ToArray())).ToList();
        var run = BandRuns.Unpack(BandRuns.Pack(entries, 5_000), 5_000);

        // (A band sharing its high half with another's answers for both: the entry is among what is found.)
        Assert.All(entries, entry => Assert.All(entry.Bands, band => Assert.Contains((band, entry.Id), Found(run, band, 5))));
        var held = entries.SelectMany(entry => entry.Bands).Select(band => (int)(band >> 32)).ToHashSet();
        var others = Enumerable.Range(0, 20_000).Select(_ => random.NextInt64(long.MinValue, long.MaxValue)).Where(band => !held.Contains((int)(band >> 32)));
        Assert.All(others, band => Assert.Empty(Found(run, band, 5)));
    }

    [Fact]
    public void Bands_that_share_their_high_half_answer_for_each_other_in_memory_but_not_in_the_file()
    {
        // Held as their high halves, two such bands are one: a lookup of either gives the entries of both (an extra
        // candidate), while the packed pairs keep them apart.
        var (first, second) = (0x1234_5678_0000_0001L, 0x1234_5678_0000_0002L);
        var packed = BandRuns.Pack([(1L, [first]), (2L, [second])], 1);

        Assert.Equal([(first, 2L), (first, 1L)], Found(BandRuns.Unpack(packed, 1), first, 5));
        Assert.Equal([(first, 1L), (second, 2L)], BandRuns.PairsOf(packed, 1));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { 2, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8 })]
    [InlineData(new byte[] { 255, 255, 255, 255 })]
    public void A_damaged_run_is_an_empty_one(byte[]? packed)
    {
        var run = BandRuns.Unpack(packed, 1);

        Assert.Empty(BandRuns.PairsOf(packed, 1));
        Assert.Empty(Found(run, 0, 5));
    }

    [Fact]
    public async Task Only_runs_whose_entries_are_dated_within_the_window_are_read()
    {
        await using var connection = await _temporary.Database.OpenAsync(CancellationToken.None);
        await InsertRunAsync(connection, 10, December.AddDays(-30), 1);
        await InsertRunAsync(connection, 20, December, 2);
        var runs = new BandRuns();

        var near = await runs.SharingAsync(connection, null, null, [Band(42)], December.AddDays(-2), December.AddDays(2), 24);
        var both = await runs.SharingAsync(connection, null, null, [Band(42)], December.AddDays(-31), December.AddDays(2), 24);

        Assert.Equal([(Band(42), 20L)], Pairs(near));
        Assert.Equal([(Band(42), 20L), (Band(42), 10L)], Pairs(both));
    }

    [Fact]
    public async Task A_band_many_entries_share_gives_its_newest_entries_from_the_newest_runs_only()
    {
        await using var connection = await _temporary.Database.OpenAsync(CancellationToken.None);
        await InsertRunAsync(connection, 10, December, 1);
        await InsertRunAsync(connection, 20, December, 2);
        await InsertRunAsync(connection, 30, December, 3);
        var runs = new BandRuns();

        var found = await runs.SharingAsync(connection, null, null, [Band(42), Band(20), Band(10)], December.AddDays(-2), December.AddDays(2), 2);

        Assert.Equal([(Band(42), 30L), (Band(42), 20L), (Band(10), 10L), (Band(20), 20L)], Pairs(found));
    }

    [Fact]
    public async Task A_run_whose_dates_do_not_read_back_is_read_for_every_window()
    {
        await using var connection = await _temporary.Database.OpenAsync(CancellationToken.None);
        await InsertRunAsync(connection, 10, December.AddDays(-30), 1);
        await connection.ExecuteAsync("UPDATE story_band_runs SET min_sort = 'hôm qua', max_sort = ''");
        var runs = new BandRuns();

        var found = await runs.SharingAsync(connection, null, null, [Band(42)], December.AddDays(-2), December.AddDays(2), 24);

        Assert.Equal([(Band(42), 10L)], Pairs(found));
    }

    [Fact]
    public async Task A_run_written_again_is_read_again()
    {
        await using var connection = await _temporary.Database.OpenAsync(CancellationToken.None);
        await InsertRunAsync(connection, 10, December, 1);
        var runs = new BandRuns();
        Assert.Equal([(Band(42), 10L)], Pairs(await runs.SharingAsync(connection, null, null, [Band(42)], December.AddDays(-2), December.AddDays(2), 24)));

        await connection.ExecuteAsync("""
            UPDATE story_band_runs SET bands = @Bands, version = 2 WHERE last_id = 10;
            UPDATE story_band_fold SET runs_version = 2;
            """, new { Bands = BandRuns.Pack([(9L, [Band(42)])], 1) });

        Assert.Equal([(Band(42), 9L)], Pairs(await runs.SharingAsync(connection, null, null, [Band(42)], December.AddDays(-2), December.AddDays(2), 24)));
    }

    private static async Task InsertRunAsync(System.Data.Common.DbConnection connection, long lastId, DateTimeOffset dated, long version)
    {
        await connection.ExecuteAsync("""
            INSERT INTO story_band_runs (last_id, first_id, min_sort, max_sort, version, bands) VALUES (@LastId, @FirstId, @Sort, @Sort, @Version, @Bands);
            UPDATE story_band_fold SET runs_version = @Version;
            """, new { LastId = lastId, FirstId = lastId - 9, Sort = Timestamps.ToText(dated), Version = version, Bands = BandRuns.Pack([(lastId, [Band(42), Band((int)lastId)])], lastId - 9) });
    }

    private static List<(long Band, long EntryId)> Found(BandRuns.Run run, long band, int perBand)
    {
        var found = new Dictionary<long, List<long>>();
        var added = run.Sharing(band, perBand, found);
        Assert.Equal(found.GetValueOrDefault(band)?.Count ?? 0, added);
        return Pairs(found);
    }

    // A well-mixed band, as a signature's are.
    private static long Band(int n) => (long)((ulong)n * 0x9E37_79B9_7F4A_7C15UL);

    // By band, each band's entries in the order found (newest first).
    private static List<(long Band, long EntryId)> Pairs(Dictionary<long, List<long>> found) =>
        [.. found.OrderBy(pair => pair.Key).SelectMany(pair => pair.Value.Select(id => (pair.Key, id)))];
}
