using Dapper;
using Syndication.Core.Ingestion;
using Syndication.Core.Ingestion.Opml;
using Syndication.Core.Ingestion.Sources;
using Syndication.Core.Ingestion.Stories;
using Syndication.Storage.Ingestion;
using Syndication.Storage.Stories;
using Syndication.Testing;

namespace Syndication.Storage.Tests.Stories;

/// <summary>Story clusters as polls store them, run on each engine by the classes below, on the four outlets' fixture feeds.</summary>
public abstract class StoryStoreTests : IAsyncLifetime, IDisposable
{
    private static readonly string[] Outlets = ["tintuc", "vnplus", "baotinh", "tinnhanh"];
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
    private readonly TestDatabase _temporary;
    private readonly SourceStore _sources;
    private readonly EntryStore _entries;

    protected StoryStoreTests(TestDatabase temporary)
    {
        _temporary = temporary;
        _sources = new SourceStore(_temporary.Database, _temporary.Clock);
        _entries = new EntryStore(_temporary.Database);
    }

    public async Task InitializeAsync()
    {
        await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);
        _temporary.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _temporary.Dispose();
        GC.SuppressFinalize(this);
    }

    [DatabaseFact]
    public async Task Copies_from_four_outlets_are_one_story_led_by_the_earliest_and_near_misses_stay_apart()
    {
        await PollAsync(Outlets);

        var stories = await _entries.GetLatestStoriesAsync(50, CancellationToken.None);

        Assert.Equal(14, (await _entries.GetLatestAsync(50, CancellationToken.None)).Count);
        Assert.Equal(8, stories.Count);
        var road = Assert.Single(stories, story => story.Link!.Contains("duong-dong-tay-123", StringComparison.Ordinal));
        Assert.Equal("tintuc", road.SourceTitle);
        Assert.Equal(["vnplus", "baotinh", "tinnhanh"], road.OtherCopies.Select(copy => copy.Outlet));
        Assert.Equal("https://baotinh.example.vn/thoi-su/khoi-cong-duong-dong-tay-a1.html", road.OtherCopies[1].Link);
        var coffee = stories.Where(story => story.Title!.StartsWith("Giá cà phê", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, coffee.Count);
        Assert.Equal(["baotinh"], coffee.Single(story => story.Title!.Contains("5/12", StringComparison.Ordinal)).OtherCopies.Select(copy => copy.Outlet));
        Assert.Empty(coffee.Single(story => story.Title!.Contains("6/12", StringComparison.Ordinal)).OtherCopies);
        Assert.Equal(4, stories.Count(story => story.Title!.StartsWith("Cháy", StringComparison.Ordinal) || story.Title!.StartsWith("Chay", StringComparison.Ordinal) || story.Title!.StartsWith("Va chạm", StringComparison.Ordinal) || story.Title!.StartsWith("Xe tải", StringComparison.Ordinal)));
        Assert.All(stories.Where(story => story.Title!.StartsWith("Cháy", StringComparison.Ordinal) || story.Title!.StartsWith("Chay", StringComparison.Ordinal) || story.Title!.StartsWith("Va chạm", StringComparison.Ordinal) || story.Title!.StartsWith("Xe tải", StringComparison.Ordinal)),
            story => Assert.Empty(story.OtherCopies));
    }

    [DatabaseFact]
    public async Task The_order_sources_are_polled_in_does_not_change_the_stories()
    {
        await PollAsync([.. Outlets.Reverse()]);

        var stories = await _entries.GetLatestStoriesAsync(50, CancellationToken.None);

        Assert.Equal(8, stories.Count);
        Assert.Equal([1, 2, 3], stories.Select(story => story.OtherCopies.Count).Where(count => count > 0).Order());
    }

    [DatabaseFact]
    public async Task Rebuild_clusters_entries_stored_without_signatures_the_same_way()
    {
        await PollAsync(Outlets);
        var before = await Groups();
        await using (var connection = await _temporary.Database.OpenAsync(CancellationToken.None))
        {
            // As entries stored before the migration are: each its own story, unsigned.
            await connection.ExecuteAsync("DELETE FROM entry_story_bands");
            await connection.ExecuteAsync("UPDATE entries SET story_id = id, story_hashes = NULL, story_numbers = NULL");
        }
        Assert.Equal(14, (await _entries.GetLatestStoriesAsync(50, CancellationToken.None)).Count);

        var (entries, stories) = await new StoryStore(_temporary.Database).RebuildAsync(null, CancellationToken.None);

        Assert.Equal((14, 8), (entries, stories));
        Assert.Equal(before, await Groups());
        await AssertBandsAreTheEntries();
        if (_temporary.Database.Engine == DatabaseEngine.Sqlite)
        {
            // Written as runs, as folds write them: the index is left for entries changed after their fold.
            await using var connection = await _temporary.Database.OpenAsync(CancellationToken.None);
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM entry_story_bands"));
            Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM story_band_runs"));
        }
    }

    [DatabaseFact]
    public async Task An_edited_copy_keeps_its_story_and_retention_takes_its_bands_with_it()
    {
        await PollAsync(Outlets);
        var entries = Parse("vnplus");
        var edited = entries.Select(entry => entry.Link!.Contains("901", StringComparison.Ordinal) ? entry with { Title = entry.Title + " (cập nhật)" } : entry).ToList();
        var vnplus = (await _sources.ListAsync(false, CancellationToken.None)).Single(source => source.Title == "vnplus");

        await _entries.SavePollAsync(Poll(vnplus.Id, "vnplus"), edited, CancellationToken.None);

        var road = (await _entries.GetLatestStoriesAsync(50, CancellationToken.None)).Single(story => story.OtherCopies.Count == 3);
        Assert.Contains(road.OtherCopies, copy => copy.Title!.EndsWith("(cập nhật)", StringComparison.Ordinal));

        await _entries.DeleteOlderThanAsync(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), CancellationToken.None);
        await using var connection = await _temporary.Database.OpenAsync(CancellationToken.None);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM entry_story_bands"));
    }

    [DatabaseFact]
    public async Task Stories_are_the_same_when_the_bands_of_earlier_polls_were_folded_into_the_index()
    {
        // SQLite keeps new entries' bands in their signatures and folds them into the index in bulk: a copy must find the
        // story whether the earlier copies' bands are still unfolded, folded, or some of each (PostgreSQL writes them
        // into the index at once: the same stories).
        var all = new List<string>();
        foreach (var outlet in Outlets)
        {
            await PollAsync([outlet]);
            if (outlet is "vnplus" && _temporary.Database.Engine == DatabaseEngine.Sqlite)
            {
                await using var connection = await _temporary.Database.OpenAsync(CancellationToken.None);
                Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM entry_story_bands"));
                await StoryAssigner.FoldAsync(connection, null);
                Assert.Empty(await StoryAssigner.UnfoldedAsync(connection, null));
                Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM entry_story_bands"));
                Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM story_band_runs"));
            }
        }

        var stories = await _entries.GetLatestStoriesAsync(50, CancellationToken.None);

        Assert.Equal(8, stories.Count);
        Assert.Equal([1, 2, 3], stories.Select(story => story.OtherCopies.Count).Where(count => count > 0).Order());
        var road = Assert.Single(stories, story => story.Link!.Contains("duong-dong-tay-123", StringComparison.Ordinal));
        Assert.Equal(["vnplus", "baotinh", "tinnhanh"], road.OtherCopies.Select(copy => copy.Outlet));
    }

    [DatabaseFact]
    public async Task The_band_index_holds_exactly_the_bands_of_the_stored_entries_through_edits_and_deletes()
    {
        // SQLite's index has no foreign key (migration 61): an edited entry's old bands and a deleted entry's are removed
        // by their primary key, computed from the signature the entry had — including one an operator deleted by hand.
        await PollAsync(Outlets);
        if (_temporary.Database.Engine == DatabaseEngine.Sqlite)
        {
            await using var connection = await _temporary.Database.OpenAsync(CancellationToken.None);
            await StoryAssigner.FoldAsync(connection, null);
        }
        await AssertBandsAreTheEntries();
        var vnplus = (await _sources.ListAsync(false, CancellationToken.None)).Single(source => source.Title == "vnplus");
        var edited = Parse("vnplus").Select(entry => entry with { Content = entry.Content + "<p>Bản tin được cập nhật lúc 15 giờ với ý kiến của người dân địa phương về công trình.</p>" }).ToList();
        List<(long Id, byte[] Hashes)> beforeEdit;
        await using (var connection = await _temporary.Database.OpenAsync(CancellationToken.None))
        {
            beforeEdit = (await connection.QueryAsync<(long, byte[])>("SELECT id, story_hashes FROM entries WHERE source_id = @Id", new { vnplus.Id })).AsList();
        }

        await _entries.SavePollAsync(Poll(vnplus.Id, "vnplus"), edited, CancellationToken.None);
        await AssertBandsAreTheEntries(_temporary.Database.Engine == DatabaseEngine.Sqlite ? beforeEdit : null);

        var latest = await _entries.GetLatestAsync(50, CancellationToken.None);
        var ruled = latest.Where(entry => entry.SourceTitle == "tintuc").Select(entry => entry.Id).ToList();
        Assert.Equal(ruled.Count, await _entries.DeleteAsync(ruled, CancellationToken.None));
        await AssertBandsAreTheEntries();

        await using (var connection = await _temporary.Database.OpenAsync(CancellationToken.None))
        {
            var byHand = latest.First(entry => entry.SourceTitle == "baotinh").Id;
            Assert.Equal(1, await connection.ExecuteAsync("DELETE FROM entries WHERE id = @Id", new { Id = byHand }));
            beforeEdit = (await connection.QueryAsync<(long, byte[])>("SELECT id, story_hashes FROM entries WHERE source_id = @Id", new { vnplus.Id })).AsList();
        }
        // (Edited back: the deletes rewrote the run, which now holds the edited bands.)
        await _entries.SavePollAsync(Poll(vnplus.Id, "vnplus"), Parse("vnplus"), CancellationToken.None);
        await AssertBandsAreTheEntries(_temporary.Database.Engine == DatabaseEngine.Sqlite ? beforeEdit : null);
    }

    [DatabaseFact]
    public async Task Copies_find_their_stories_across_a_fold_whether_the_originals_were_folded_or_not()
    {
        // Originals in three polls: SQLite folds during the second (past FoldEntries), the third stays unfolded.
        var wire = await _sources.AddAsync(new OpmlOutline("https://wire.example.vn/rss", null, null, null), SourceOrigins.Cli, CancellationToken.None);
        var outlet = await _sources.AddAsync(new OpmlOutline("https://outlet.example.vn/rss", null, null, null), SourceOrigins.Cli, CancellationToken.None);
        var (half, quarter) = (StoryAssigner.FoldEntries / 2, StoryAssigner.FoldEntries / 4);
        var originals = Enumerable.Range(0, 2 * half + 2 * quarter).Select(i => Story(i, "wire", null)).ToList();
        foreach (var poll in new[] { originals[..half], originals[half..(2 * half + quarter)], originals[(2 * half + quarter)..] })
        {
            await _entries.SavePollAsync(Poll(wire.Id, "wire"), poll, CancellationToken.None);
        }
        if (_temporary.Database.Engine == DatabaseEngine.Sqlite)
        {
            await using var connection = await _temporary.Database.OpenAsync(CancellationToken.None);
            var folded = await connection.ExecuteScalarAsync<long>("SELECT folded_id FROM story_band_fold");
            Assert.Equal(await connection.ExecuteScalarAsync<long>("SELECT id FROM entries WHERE link = @Link", new { Link = originals[2 * half + quarter - 1].Link }), folded);
        }
        // The poll folded from what the process held (the first poll's entries and its own): the run is their bands.
        await AssertBandsAreTheEntries();
        int[] copied = [5, half - 1, half, half + quarter, 2 * half + quarter - 1, 2 * half + quarter, originals.Count - 1];

        await _entries.SavePollAsync(Poll(outlet.Id, "outlet"), [.. copied.Select(i => Story(i, "outlet", "Nguồn: Thông tấn xã."))], CancellationToken.None);

        await using var check = await _temporary.Database.OpenAsync(CancellationToken.None);
        foreach (var i in copied)
        {
            var stories = (await check.QueryAsync<long>($"SELECT DISTINCT story_id FROM entries WHERE {_temporary.Database.InList("link", "@Links")}",
                new { Links = new[] { Story(i, "wire", null).Link, Story(i, "outlet", null).Link } })).ToList();
            Assert.Single(stories);
        }
        Assert.Equal(originals.Count, await check.ExecuteScalarAsync<long>("SELECT count(DISTINCT story_id) FROM entries"));

        // The originals deleted at once (more than one part of the cleanup): only the copies' bands stay.
        var wireIds = (await check.QueryAsync<long>("SELECT id FROM entries WHERE source_id = @Id", new { wire.Id })).ToList();
        Assert.Equal(originals.Count, await _entries.DeleteAsync(wireIds, CancellationToken.None));
        await AssertBandsAreTheEntries();
    }

    /// <summary>An agency story of its own words (each number gives other words), as one outlet publishes it.</summary>
    private ParsedEntry Story(int number, string outlet, string? addedSentence)
    {
        string[] words = ["tỉnh", "huyện", "người", "dân", "công", "trình", "đường", "nước", "điện", "trường", "học", "bệnh", "viện",
            "nông", "dân", "cà", "phê", "hồ", "tiêu", "mưa", "lũ", "cầu", "chợ", "xã", "phường", "đoàn", "kiểm", "tra", "hội", "nghị"];
        var seed = (uint)(number * 2654435761u) | 1;
        var text = new System.Text.StringBuilder();
        for (var w = 0; w < 60; w++)
        {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            text.Append(words[seed % (uint)words.Length]).Append(w % 12 == 11 ? ". " : " ");
        }
        var published = _temporary.Clock.GetUtcNow().AddMinutes(-number);
        return new ParsedEntry($"{outlet}-{number}", $"https://{outlet}.example.vn/tin-{number}.html", $"Tin số {number} từ tỉnh", published, null, [],
            null, $"<p>{text}</p>" + (addedSentence is null ? "" : $"<p>{addedSentence}</p>"), [], []);
    }

    /// <summary>The (band, entry) pairs of the index (and, on SQLite, the entries after the fold mark) are exactly those of
    /// the stored signatures.</summary>
    private async Task AssertBandsAreTheEntries(IEnumerable<(long Id, byte[] Hashes)>? editedAfterFold = null)
    {
        await using var connection = await _temporary.Database.OpenAsync(CancellationToken.None);
        var signed = await connection.QueryAsync<(long Id, byte[] Hashes)>(
            "SELECT id, story_hashes FROM entries WHERE story_hashes IS NOT NULL AND story_shingles >= @Minimum",
            new { Minimum = StorySignature.MinimumShingles });
        var expected = signed.SelectMany(entry => StorySignature.StoredBands(entry.Hashes).Select(band => (band, entry.Id))).Distinct().Order().ToList();
        var stored = (await connection.QueryAsync<(long, long)>("SELECT band, entry_id FROM entry_story_bands")).ToList();
        if (_temporary.Database.Engine == DatabaseEngine.Sqlite)
        {
            // SQLite: the index, the folded runs and the unfolded entries' signatures together (a band may be in two).
            var runs = await connection.QueryAsync<(long FirstId, byte[] Bands)>("SELECT first_id, bands FROM story_band_runs");
            stored.AddRange(runs.SelectMany(run => BandRuns.PairsOf(run.Bands, run.FirstId)));
            stored.AddRange((await StoryAssigner.UnfoldedAsync(connection, null)).SelectMany(entry => entry.Bands.Select(band => (band, entry.Id))));
            stored = [.. stored.Distinct()];
            if (editedAfterFold is not null)
            {
                // A run keeps the bands an entry had when it was folded: after an edit those too, and nothing else.
                var before = editedAfterFold.SelectMany(entry => StorySignature.StoredBands(entry.Hashes).Select(band => (band, entry.Id))).ToHashSet();
                var extra = stored.Except(expected).ToList();
                Assert.NotEmpty(extra);
                Assert.All(extra, pair => Assert.Contains(pair, before));
                stored = [.. stored.Except(extra)];
            }
        }
        Assert.NotEmpty(expected);
        Assert.Equal(expected, stored.Order().ToList());
    }

    private async Task<string[]> Groups()
    {
        var stories = await _entries.GetLatestStoriesAsync(50, CancellationToken.None);
        return [.. stories.Select(story => string.Join(",", new[] { story.Link! }.Concat(story.OtherCopies.Select(copy => copy.Link!)).Order(StringComparer.Ordinal))).Order(StringComparer.Ordinal)];
    }

    private async Task PollAsync(IEnumerable<string> outlets)
    {
        foreach (var outlet in outlets)
        {
            var source = await _sources.AddAsync(new OpmlOutline($"https://{outlet}.example.vn/rss", null, null, null), SourceOrigins.Cli, CancellationToken.None);
            await _entries.SavePollAsync(Poll(source.Id, outlet), Parse(outlet), CancellationToken.None);
        }
    }

    private PollRecord Poll(long sourceId, string outlet) => new()
    {
        SourceId = sourceId,
        PolledAt = _temporary.Clock.GetUtcNow(),
        Succeeded = true,
        HttpStatus = 200,
        NextPoll = _temporary.Clock.GetUtcNow().AddMinutes(30),
        IntervalMinutes = 30,
        // The outlet's short name as its title, so tests can name it.
        FeedTitle = outlet,
    };

    private static IReadOnlyList<ParsedEntry> Parse(string outlet) =>
        FeedParser.Parse(
            File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "testdata", "stories", outlet + ".xml")),
            new FeedParseContext(new Uri($"https://{outlet}.example.vn/rss"), "application/rss+xml", Zone)).Entries;
}

public sealed class SqliteStoryStoreTests() : StoryStoreTests(new TemporaryDatabase());

[Collection(PostgresTests.Name)]
public sealed class PostgresStoryStoreTests(PostgresServer server) : StoryStoreTests(new PostgresTestDatabase(server));
