using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Syndication.Storage.Maintenance;

namespace Syndication.Storage.Tests.Maintenance;

public sealed class DatabaseMaintenanceTests : IDisposable
{
    private readonly TemporaryDatabase _temporary = new();

    private string Folder => Path.GetDirectoryName(_temporary.Database.Path)!;

    private async Task<DatabaseMaintenance> MigratedWithRowsAsync(int rows)
    {
        await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);
        await using var connection = await _temporary.Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
        for (var i = 0; i < rows; i++)
        {
            await connection.ExecuteAsync("INSERT INTO notes (text) VALUES (@text)", new { text = $"Ghi chú số {i}" });
        }
        return new DatabaseMaintenance(_temporary.Database);
    }

    /// <summary>2,000 notes of 3,000 bytes in one statement: about 2,000 pages.</summary>
    private static async Task WriteAboutTwoThousandPagesAsync(DbConnection connection) =>
        await connection.ExecuteAsync("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
            INSERT INTO notes (text) SELECT printf('%.3000c', 'x') FROM n
            """);

    /// <summary>About 2,000 pages written in one bulk write turn, then as many empty bulk turns as start the background
    /// checkpoint (it counts turns, not what they wrote).</summary>
    private static async Task WriteInTurnsUntilACheckpointAsync(SqliteDatabase database, DbConnection holder)
    {
        await using (await database.WriteTurnAsync(CancellationToken.None, bulk: true))
        {
            await WriteAboutTwoThousandPagesAsync(holder);
        }
        for (var turn = 1; turn < SqliteDatabase.TurnsPerCheckpoint; turn++)
        {
            await using (await database.WriteTurnAsync(CancellationToken.None, bulk: true))
            {
            }
        }
    }

    private static async Task<long> CountNotesAsync(string path)
    {
        var copy = new SqliteDatabase(path, TimeSpan.FromSeconds(1));
        await using var connection = await copy.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM notes");
    }

    [Fact]
    public async Task Backup_of_a_live_database_holds_the_committed_rows_and_passes_the_check()
    {
        var maintenance = await MigratedWithRowsAsync(25);
        var target = Path.Combine(Folder, "backup.db");
        await using var writer = await _temporary.Database.OpenAsync(CancellationToken.None);
        await using var transaction = (SqliteTransaction)await writer.BeginTransactionAsync();
        await writer.ExecuteAsync("INSERT INTO notes (text) VALUES ('chưa ghi')", transaction: transaction);

        var size = await maintenance.BackupAsync(target, overwrite: false, CancellationToken.None);
        await transaction.CommitAsync();

        Assert.Equal(new FileInfo(target).Length, size);
        Assert.Empty(await new DatabaseMaintenance(new SqliteDatabase(target, TimeSpan.FromSeconds(1))).IntegrityCheckAsync(CancellationToken.None));
        Assert.Equal(25, await CountNotesAsync(target));
        Assert.Equal(26, await CountNotesAsync(_temporary.Database.Path));
        Assert.Single(Directory.GetFiles(Folder, "backup.db*"));
        Assert.Empty(Directory.GetFiles(Folder, "*.tmp"));
    }

    [Fact]
    public async Task Backup_refuses_to_overwrite_unless_asked()
    {
        var maintenance = await MigratedWithRowsAsync(3);
        var target = Path.Combine(Folder, "backup.db");
        await File.WriteAllTextAsync(target, "giữ nguyên");

        await Assert.ThrowsAsync<IOException>(() => maintenance.BackupAsync(target, overwrite: false, CancellationToken.None));
        Assert.Equal("giữ nguyên", await File.ReadAllTextAsync(target));

        await maintenance.BackupAsync(target, overwrite: true, CancellationToken.None);
        Assert.Equal(3, await CountNotesAsync(target));
    }

    [Fact]
    public async Task Backup_into_a_missing_folder_fails_and_leaves_nothing()
    {
        var maintenance = await MigratedWithRowsAsync(1);

        await Assert.ThrowsAsync<DirectoryNotFoundException>(
            () => maintenance.BackupAsync(Path.Combine(Folder, "khong-co", "backup.db"), overwrite: false, CancellationToken.None));
        Assert.False(Directory.Exists(Path.Combine(Folder, "khong-co")));
    }

    [Fact]
    public async Task Checkpoint_truncates_the_wal_file_to_zero_bytes()
    {
        // The rows are written on a connection held open for the whole test, with automatic checkpoints off: other
        // tests clear the process-wide pools, and a last connection closing (or an auto-checkpoint) would empty the WAL.
        await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);
        await using var holder = await _temporary.Database.OpenAsync(CancellationToken.None);
        await holder.ExecuteAsync("PRAGMA wal_autocheckpoint = 0; CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
        for (var i = 0; i < 200; i++)
        {
            await holder.ExecuteAsync("INSERT INTO notes (text) VALUES (@text)", new { text = $"Ghi chú số {i}" });
        }
        var maintenance = new DatabaseMaintenance(_temporary.Database);
        var wal = new FileInfo(_temporary.Database.Path + "-wal");
        Assert.True(wal.Exists && wal.Length > 0, "the writes should have gone to the WAL");

        // In the maintenance job's order: optimize may write (ANALYZE of tables never analyzed, such as the search
        // indexes' shadow tables), and the checkpoint after it takes that too.
        await maintenance.OptimizeAsync(CancellationToken.None);
        var checkpoint = await maintenance.CheckpointAsync(CancellationToken.None);

        Assert.False(checkpoint.Busy);
        wal.Refresh();
        Assert.Equal(0, wal.Length);
        Assert.Equal(200, await CountNotesAsync(_temporary.Database.Path));
    }

    [Fact]
    public async Task A_commit_leaves_its_pages_in_the_log_until_the_log_holds_the_checkpoint_size()
    {
        await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);
        await using var holder = await _temporary.Database.OpenAsync(CancellationToken.None);
        await holder.ExecuteAsync("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
        var file = new FileInfo(_temporary.Database.Path);
        var before = file.Length;

        // About 2,000 pages in one transaction: past SQLite's default of 1,000, at which the commit would have copied
        // them into the file.
        await WriteAboutTwoThousandPagesAsync(holder);

        Assert.Equal(SqliteDatabase.AutoCheckpointPages, await holder.ExecuteScalarAsync<long>("PRAGMA wal_autocheckpoint"));
        file.Refresh();
        Assert.Equal(before, file.Length);
        Assert.True(new FileInfo(_temporary.Database.Path + "-wal").Length > 2000L * 4096, "the pages should be in the log");
        Assert.Equal(2000, await CountNotesAsync(_temporary.Database.Path));
    }

    [Fact]
    public async Task After_write_turns_the_log_is_copied_into_the_file_without_another_commit()
    {
        await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);
        var database = _temporary.Database;
        // Held open, so no last connection closing checkpoints instead.
        await using var holder = await database.OpenAsync(CancellationToken.None);
        await holder.ExecuteAsync("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
        var file = new FileInfo(database.Path);

        // About 2,000 pages: fewer than the commit's own checkpoint waits for.
        await WriteInTurnsUntilACheckpointAsync(database, holder);

        var copied = false;
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); !copied && waited.Elapsed < TimeSpan.FromSeconds(60); await Task.Delay(50))
        {
            file.Refresh();
            copied = file.Length > 2000L * 4096;
        }
        Assert.True(copied, $"the file should have taken the log's pages after the turns; it has {file.Length} bytes");
    }

    [Fact]
    public async Task Small_write_turns_count_as_a_part_of_a_bulk_one_towards_the_background_checkpoint()
    {
        await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);
        var database = _temporary.Database;
        await using var holder = await database.OpenAsync(CancellationToken.None);
        await holder.ExecuteAsync("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
        await using (await database.WriteTurnAsync(CancellationToken.None, bulk: true))
        {
            await WriteAboutTwoThousandPagesAsync(holder);
        }
        var small = (SqliteDatabase.TurnsPerCheckpoint - 1) * SqliteDatabase.SmallTurnsPerBulkTurn;

        // As many small turns as bulk ones would have started it (a lease each, a 304's record): no checkpoint yet.
        for (var turn = 1; turn < small; turn++)
        {
            await using (await database.WriteTurnAsync(CancellationToken.None))
            {
            }
            Assert.Same(Task.CompletedTask, database.BackgroundCheckpoint);
        }
        await using (await database.WriteTurnAsync(CancellationToken.None))
        {
        }

        Assert.NotSame(Task.CompletedTask, database.BackgroundCheckpoint);
        await database.BackgroundCheckpoint;
        Assert.True(new FileInfo(database.Path).Length > 2000L * 4096, "the checkpoint should have copied the log's pages into the file");
    }

    [Fact]
    public async Task The_checkpoint_that_empties_the_log_waits_for_the_one_after_write_turns()
    {
        await _temporary.CreateMigrator().MigrateAsync(CancellationToken.None);
        var database = _temporary.Database;
        await using var holder = await database.OpenAsync(CancellationToken.None);
        await holder.ExecuteAsync("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
        await WriteInTurnsUntilACheckpointAsync(database, holder);

        // At once, while the background checkpoint of those 2,000 pages is (most likely) still running: SQLite would
        // answer a second checkpoint "busy" and leave the log as it is.
        var checkpoint = await new DatabaseMaintenance(database).CheckpointAsync(CancellationToken.None);

        Assert.False(checkpoint.Busy);
        Assert.Equal(0, new FileInfo(database.Path + "-wal").Length);
        Assert.Equal(2000, await CountNotesAsync(database.Path));
    }

    [Fact]
    public async Task Integrity_check_reports_a_file_that_is_not_a_database()
    {
        var path = Path.Combine(Folder, "not-a-db.db");
        await File.WriteAllBytesAsync(path, [.. Enumerable.Repeat((byte)'x', 8192)]);

        var problems = await new DatabaseMaintenance(new SqliteDatabase(path, TimeSpan.FromSeconds(1))).IntegrityCheckAsync(CancellationToken.None);

        Assert.NotEmpty(problems);
    }

    public void Dispose() => _temporary.Dispose();
}
