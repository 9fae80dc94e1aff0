using Dapper;
using Microsoft.Data.Sqlite;
using Syndication.Core.Ingestion.Stories;
using Syndication.Core.Search;
using Syndication.Storage.Schema;
using Syndication.Storage.Search;

namespace Syndication.Storage.Tests.Schema;

public sealed class MigratorTests : IDisposable
{
    private readonly TemporaryDatabase _temporary = new();

    public void Dispose() => _temporary.Dispose();

    private async Task<T> QueryScalarAsync<T>(string sql)
    {
        await using var connection = await _temporary.Database.OpenAsync(CancellationToken.None);
        return (await connection.ExecuteScalarAsync<T>(sql))!;
    }

    /// <summary>Everything the schema is made of plus the migration history, to compare before and after.</summary>
    private async Task<string> SchemaSnapshotAsync()
    {
        await using var connection = await _temporary.Database.OpenAsync(CancellationToken.None);
        var objects = await connection.QueryAsync<string>("SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name");
        var history = await connection.QueryAsync<string>("SELECT version || ' ' || description || ' ' || applied_utc FROM schema_version ORDER BY version");
        return string.Join('\n', objects.Concat(history));
    }

    [Fact]
    public async Task Migrating_a_new_file_applies_every_migration()
    {
        var applied = await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);

        Assert.True(Migrator.LatestVersion >= 1);
        Assert.Equal(Migrations.All.Count, applied);
        Assert.True(File.Exists(_temporary.Database.Path));
        Assert.Equal(Migrations.All.Count, await QueryScalarAsync<int>("SELECT count(*) FROM schema_version"));
        Assert.Equal(1, await QueryScalarAsync<int>("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'articles'"));
        Assert.Equal(0L, await QueryScalarAsync<long>("SELECT revision FROM archive_state WHERE id = 1"));
    }

    [Fact]
    public async Task Migrating_again_applies_nothing_and_changes_nothing()
    {
        var migrator = _temporary.CreateMigrator();
        await migrator.MigrateAsync(CancellationToken.None);
        var before = await SchemaSnapshotAsync();
        _temporary.Clock.Advance(TimeSpan.FromDays(1));

        var applied = await migrator.MigrateAsync(CancellationToken.None);

        Assert.Equal(0, applied);
        Assert.Equal(before, await SchemaSnapshotAsync());
        Assert.Equal(Migrator.LatestVersion, await migrator.CurrentVersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Two_migrators_starting_at_once_apply_each_step_once()
    {
        var first = _temporary.CreateMigrator();
        var second = new Migrator(new SqliteDatabase(_temporary.Database.Path, TimeSpan.FromSeconds(5)), _temporary.Clock);

        var applied = await Task.WhenAll(
            Task.Run(() => first.MigrateAsync(CancellationToken.None)),
            Task.Run(() => second.MigrateAsync(CancellationToken.None)));

        Assert.Equal(Migrations.All.Count, applied.Sum());
        Assert.Equal(Migrations.All.Count, await QueryScalarAsync<int>("SELECT count(*) FROM schema_version"));
    }

    [Fact]
    public async Task Migration_history_records_when_each_step_ran_by_the_clock()
    {
        await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);

        var applied = await QueryScalarAsync<string>("SELECT applied_utc FROM schema_version WHERE version = 1");

        Assert.Equal("2024-03-01T08:00:00.0000000Z", applied);
    }

    [Fact]
    public async Task Current_version_is_zero_before_migrating_and_the_latest_after()
    {
        var migrator = _temporary.CreateMigrator();

        Assert.Equal(0, await migrator.CurrentVersionAsync(CancellationToken.None));
        await migrator.MigrateAsync(CancellationToken.None);
        Assert.Equal(Migrator.LatestVersion, await migrator.CurrentVersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Migrated_database_is_in_wal_mode_for_every_later_connection()
    {
        await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);
        SqliteConnection.ClearAllPools();

        Assert.Equal("wal", await QueryScalarAsync<string>("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Connections_enforce_foreign_keys()
    {
        await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);

        Assert.Equal(1L, await QueryScalarAsync<long>("PRAGMA foreign_keys"));
        await using var connection = await _temporary.Database.OpenAsync(CancellationToken.None);
        var error = await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteAsync(
            "INSERT INTO article_images (article_id, position, caption) VALUES (12345, 0, 'no such article')"));
        Assert.Contains("FOREIGN KEY", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connections_wait_for_locks_as_long_as_the_busy_timeout()
    {
        Assert.Equal(5000L, await QueryScalarAsync<long>("PRAGMA busy_timeout"));
    }

    [Fact]
    public async Task A_pooled_connection_a_probe_gave_a_short_busy_timeout_has_the_full_one_at_its_next_open()
    {
        // Settings are made once per pooled connection; the probes that shorten the timeout must not leave it short.
        Assert.Equal(5000L, await QueryScalarAsync<long>("PRAGMA busy_timeout"));
        Assert.Null(await _temporary.Database.CheckWritableAsync(TimeSpan.FromMilliseconds(250), CancellationToken.None));
        Assert.Equal(5000L, await QueryScalarAsync<long>("PRAGMA busy_timeout"));
        await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);
        await _temporary.Database.ProbeWriteAsync(TimeSpan.FromMilliseconds(250), CancellationToken.None);

        Assert.Equal(5000L, await QueryScalarAsync<long>("PRAGMA busy_timeout"));
        Assert.Equal(1L, await QueryScalarAsync<long>("PRAGMA synchronous"));
        Assert.Equal(SqliteDatabase.AutoCheckpointPages, await QueryScalarAsync<long>("PRAGMA wal_autocheckpoint"));
        Assert.Equal(-SqliteDatabase.CacheKibibytes, await QueryScalarAsync<long>("PRAGMA cache_size"));
    }

    [Fact]
    public async Task A_second_database_object_with_another_busy_timeout_on_the_same_pool_gets_its_own()
    {
        // Both round up to one second in the connection string, so both take connections from one pool.
        var patient = new SqliteDatabase(_temporary.Database.Path, TimeSpan.FromMilliseconds(900));
        var hasty = new SqliteDatabase(_temporary.Database.Path, TimeSpan.FromMilliseconds(1));

        foreach (var (database, expected) in new[] { (patient, 900L), (hasty, 1L), (patient, 900L), (hasty, 1L) })
        {
            await using var connection = await database.OpenAsync(CancellationToken.None);
            Assert.Equal(expected, await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout"));
        }
    }

    [Fact]
    public async Task Opening_creates_a_missing_folder_for_the_file()
    {
        var nested = new SqliteDatabase(Path.Combine(Path.GetDirectoryName(_temporary.Database.Path)!, "data", "nested", "syndication.db"), TimeSpan.FromSeconds(1));

        await using var connection = await nested.OpenAsync(CancellationToken.None);

        Assert.True(File.Exists(nested.Path));
    }

    [Fact]
    public async Task A_step_merged_in_below_one_already_applied_runs_on_the_next_start()
    {
        // A version in a gap below the newest, as a branch with a lower reserved range lands after a higher one.
        var gap = Enumerable.Range(1, Migrator.LatestVersion).First(version => Migrations.All.All(migration => migration.Version != version));
        await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);
        Migration[] withGap = [.. Migrations.All.Where(m => m.Version < gap), new(gap, "from another branch", "CREATE TABLE from_main (id INTEGER PRIMARY KEY);"), .. Migrations.All.Where(m => m.Version > gap)];

        var applied = await new Migrator(_temporary.Database, _temporary.Clock, withGap).MigrateAsync(CancellationToken.None);

        Assert.Equal(1, applied);
        Assert.Equal(1, await QueryScalarAsync<int>("SELECT count(*) FROM sqlite_master WHERE name = 'from_main'"));
        Assert.Equal(withGap.Length, await QueryScalarAsync<int>("SELECT count(*) FROM schema_version"));
    }

    [Fact]
    public async Task Adding_search_to_an_archive_indexes_what_it_holds_and_queues_its_articles_for_relating()
    {
        await new Migrator(_temporary.Database, _temporary.Clock, [.. Migrations.All.Where(migration => migration.Version <= 4)]).MigrateAsync(CancellationToken.None);
        // Written as that schema's code wrote it: today's store writes columns added since.
        await using (var connection = await _temporary.Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("""
                INSERT INTO sections (id, slug, name) VALUES (1, 'van-hoa', 'Văn hóa');
                INSERT INTO articles (source_key, stable_id, slug, title, lead, body_html, section_id, published_utc, updated_utc, content_hash)
                VALUES ('cu', '6d1f2a4e-0000-5000-8000-000000000001', 'cu', 'Lễ hội Cà phê Buôn Ma Thuột', NULL, '<p>Đắk Lắk</p>', 1,
                        '2024-03-01T08:00:00.0000000Z', '2024-03-01T08:00:00.0000000Z', 'hash');
                """);
        }

        await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);

        var hits = await new SearchStore(_temporary.Database).SearchAsync(SearchQuery.Parse("dak lak"), SearchScope.All, SearchOrder.Newest, 10, CancellationToken.None);
        Assert.Equal(["cu"], hits.Select(hit => hit.ArticleSlug));
        Assert.Equal(1, await QueryScalarAsync<int>("SELECT count(*) FROM pending_article_relations"));
    }

    [Fact]
    public async Task The_band_index_takes_the_queued_bands_drops_its_foreign_key_and_a_deleted_entry_leaves_its_signature()
    {
        await new Migrator(_temporary.Database, _temporary.Clock, [.. Migrations.All.Where(migration => migration.Version <= 60)]).MigrateAsync(CancellationToken.None);
        var hashes = new byte[StorySignature.HashCount * sizeof(uint)];
        hashes[0] = 7;
        await using (var connection = await _temporary.Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("""
                INSERT INTO sources (id, url, origin, created_utc) VALUES (1, 'https://a.example.vn/rss', 'cli', '2026-12-01T00:00:00.0000000Z');
                INSERT INTO entries (id, source_id, entry_key, stable_id, authors_json, categories_json, enclosures_json, sort_utc,
                                     first_seen_utc, last_seen_utc, content_hash, story_hashes, story_shingles, story_numbers)
                VALUES (5, 1, 'k5', 's5', '[]', '[]', '[]', '2026-12-01T00:00:00.0000000Z', '2026-12-01T00:00:00.0000000Z',
                        '2026-12-01T00:00:00.0000000Z', 'h', @Hashes, 20, '|');
                INSERT INTO entry_story_bands (band, entry_id) VALUES (11, 5), (-3, 5);
                -- Queued: one already indexed, one not, one of an entry deleted since.
                INSERT INTO story_band_queue (band, entry_id) VALUES (11, 5), (42, 5), (99, 6);
                """, new { Hashes = hashes });
        }

        await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);

        Assert.Equal("-3 5,11 5,42 5", await QueryScalarAsync<string>("SELECT group_concat(band || ' ' || entry_id, ',') FROM (SELECT * FROM entry_story_bands ORDER BY band)"));
        Assert.Equal(0, await QueryScalarAsync<int>("SELECT count(*) FROM sqlite_master WHERE name = 'story_band_queue'"));
        Assert.Equal(5, await QueryScalarAsync<long>("SELECT folded_id FROM story_band_fold"));
        Assert.Equal(0, await QueryScalarAsync<int>("SELECT count(*) FROM pragma_foreign_key_list('entry_story_bands')"));
        Assert.Equal(0, await QueryScalarAsync<int>("SELECT count(*) FROM pragma_index_list('entry_story_bands') WHERE origin = 'c'"));
        await using (var connection = await _temporary.Database.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("DELETE FROM entries WHERE id = 5");
        }
        Assert.Equal(5, await QueryScalarAsync<long>("SELECT entry_id FROM story_bands_gone"));
        Assert.Equal(hashes, await QueryScalarAsync<byte[]>("SELECT hashes FROM story_bands_gone"));
    }
}
