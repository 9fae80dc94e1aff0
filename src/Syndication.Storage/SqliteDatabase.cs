using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;
using Syndication.Storage.Schema;
using Syndication.Storage.Search;
using Syndication.Storage.Sqlite;
using Syndication.Storage.Stories;

namespace Syndication.Storage;

/// <summary>The SQLite file: connections with the settings every one needs (foreign keys, busy timeout, the search_text function).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001",
    Justification = "The write turn's SemaphoreSlim is only awaited, never asked for its wait handle: nothing to release.")]
public sealed class SqliteDatabase : Database
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeTurn = new(1, 1);
    private readonly string _checkpointConnectionString;
    private long _pageSize;
    private int _checkpointing;
    private int _turnsSinceCheckpoint;
    private Task _checkpoint = Task.CompletedTask;

    // Which database object last set each pooled SQLite connection up (two objects of one file and timeout share a pool);
    // a connection whose busy timeout a probe changed is forgotten, so its next open sets it up again.
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, SqliteDatabase> Configured = new();

    /// <param name="path">The SQLite file.</param>
    /// <param name="busyTimeout">How long a write waits for another writer.</param>
    /// <param name="maxBytes">A size limit (0 for none): a write that would grow the file past it fails as on a full disk.</param>
    public SqliteDatabase(string path, TimeSpan busyTimeout, long maxBytes = 0)
    {
        Path = System.IO.Path.GetFullPath(path);
        BusyTimeout = busyTimeout;
        MaxBytes = maxBytes;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        }.ToString();
        _checkpointConnectionString = new SqliteConnectionStringBuilder(_connectionString) { Mode = SqliteOpenMode.ReadWrite }.ToString();
    }

    /// <summary>
    /// Pages the WAL grows to before a commit copies them back into the file (SQLite's default is 1,000, 4 MB). A poll's
    /// commit rewrites many of the same pages as the polls before it (the search index's segments, the entries' indexes,
    /// a fold of the story bands), and each checkpoint writes every page of the log to the file again and syncs it: at
    /// 1,000 a first cycle of 1,000 feeds spent 6–10 s of its write turn in commits, at 10,000 (40 MB of log) 4–6 s
    /// (tests/load/poll-cycle.sh; docs/stories.md). Polls checkpoint after their turn instead (<see cref="CheckpointInBackground"/>),
    /// and the maintenance job still empties the log each night.
    /// </summary>
    public const int AutoCheckpointPages = 10_000;

    /// <summary>
    /// Each connection's page cache, in KiB (SQLite's default is 2,000). A pooled connection keeps its cache while it
    /// waits, and in WAL mode a connection drops all of it when another one has written since its last read, which a
    /// crawling service does between every two reads: the cache mostly held pages nobody would read from it again.
    /// Serving while crawling peaked ~20 MB lower with 512 (ten pooled connections), the cached feeds' requests/s the
    /// same; a first cycle of 1,000 × 50 feeds, whose write turns dirty ~700 pages each, took 5–13 % longer
    /// (tests/load/README.md, "Start-up, memory and the all-304 cycle, round two").
    /// </summary>
    public const int CacheKibibytes = 512;

    public string Path { get; }

    public TimeSpan BusyTimeout { get; }

    public long MaxBytes { get; }

    public override DatabaseEngine Engine => DatabaseEngine.Sqlite;

    public override string Description => Path;

    internal override string SkipLocked => "";

    internal override StoryCache StoryCache { get; } = new();

    internal override BandRuns BandRuns { get; } = new();

    internal override string ServerRun => "''";

    internal override IReadOnlyList<Migration> Migrations => Schema.Migrations.All;

    internal override SearchEngine Search { get; } = new SqliteSearchEngine();

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        EventLoopGuard.Check(Description);
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            try
            {
                Directory.CreateDirectory(directory);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // As SQLite would say it, so callers see one kind of storage failure (StorageFailure.From).
                throw new SqliteException($"SQLite Error 14: 'cannot create the folder {directory}: {error.Message}'.", 14);
            }
        }
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        using var pragmas = connection.CreateCommand();
        // A pooled connection keeps these (its functions it does not): set once per SQLite connection, not per open.
        if (!Configured.TryGetValue(connection.Handle!, out var setUpBy) || setUpBy != this)
        {
            pragmas.CommandText = $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -{CacheKibibytes}; PRAGMA wal_autocheckpoint = {AutoCheckpointPages};";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            Configured.AddOrUpdate(connection.Handle!, this);
        }
        if (MaxBytes > 0)
        {
            // A per-connection limit in pages; SQLite never sets it below the pages the file already has.
            if (_pageSize == 0)
            {
                pragmas.CommandText = "PRAGMA page_size";
                _pageSize = Convert.ToInt64(await pragmas.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            }
            pragmas.CommandText = $"PRAGMA max_page_count = {MaxPages(MaxBytes)}";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
        }
        SearchFunctions.Register(connection);
        return connection;
    }

    private long MaxPages(long bytes) => Math.Max(1, bytes / _pageSize);

    /// <summary>What a delete may write past <see cref="MaxBytes"/>: 1 MiB, or 1 % of a larger limit.</summary>
    private long DeleteHeadroomBytes => Math.Max(1024 * 1024, MaxBytes / 100);

    internal override async Task<IAsyncDisposable> RoomToDeleteAsync(DbConnection connection)
    {
        if (MaxBytes <= 0 || _pageSize == 0)
        {
            return NoLock.Instance;
        }
        await connection.ExecuteAsync($"PRAGMA max_page_count = {MaxPages(MaxBytes + DeleteHeadroomBytes)}");
        return new PageLimit(connection, MaxPages(MaxBytes));
    }

    /// <summary>Puts a connection's page limit back (SQLite never sets it below the pages the file already has).</summary>
    private sealed class PageLimit(DbConnection connection, long pages) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await connection.ExecuteAsync($"PRAGMA max_page_count = {pages}");
    }

    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        // Serializable is BEGIN IMMEDIATE in Microsoft.Data.Sqlite: the write lock is taken now, not at the first write.
        await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);

    internal override Task LockArchiveAsync(DbConnection connection, DbTransaction transaction) => Task.CompletedTask;

    internal override async Task<IAsyncDisposable> WriteTurnAsync(CancellationToken cancellationToken, bool bulk = false)
    {
        // SemaphoreSlim hands its turn to async waiters in the order they came.
        await _writeTurn.WaitAsync(cancellationToken);
        return new WriteTurn(this, bulk ? SmallTurnsPerBulkTurn : 1);
    }

    /// <summary>Bulk write turns between two background checkpoints: a poll of a first cycle writes ~700 pages, so eight
    /// keep the log well under <see cref="AutoCheckpointPages"/> while a crawl runs, and a service polling now and then
    /// syncs once per eight polls rather than after each (the same pages, rewritten by each poll, are copied once).</summary>
    internal const int TurnsPerCheckpoint = 8;

    /// <summary>What a small turn (a lease, a 304's record: a few pages) counts for against a bulk one. Counted as whole
    /// turns, the two small turns of each unchanged feed checkpointed every four feeds: an all-304 cycle of 1,000 feeds
    /// synced the file 250 times, its slowest part after the turns themselves (tests/load/README.md).</summary>
    internal const int SmallTurnsPerBulkTurn = 32;

    /// <summary>
    /// After every <see cref="TurnsPerCheckpoint"/>-th bulk write turn (small ones counted as a part of one), copies the
    /// log back into the file on a connection of its own, one at a time, so the commits of the turns that follow do not:
    /// a checkpoint syncs the log and the file (tens of milliseconds each on a virtual disk), and a commit that
    /// checkpoints holds the turn all that while. A passive checkpoint takes no write lock, so it runs beside the next
    /// turn's writes; the commits' own checkpoint at <see cref="AutoCheckpointPages"/> stays for the writes that take no
    /// turn and for when this one falls behind. A first cycle of 1,000 feeds spent 3–3.5 s less of its write turn in
    /// commits (docs/stories.md).
    /// </summary>
    private void CheckpointInBackground(int weight)
    {
        if (Interlocked.Add(ref _turnsSinceCheckpoint, weight) < TurnsPerCheckpoint * SmallTurnsPerBulkTurn
            || Interlocked.CompareExchange(ref _checkpointing, 1, 0) != 0)
        {
            return;
        }
        Volatile.Write(ref _turnsSinceCheckpoint, 0);
        Volatile.Write(ref _checkpoint, Task.Run(async () =>
        {
            try
            {
                // Never creates the file: a database deleted meanwhile (a test's, a moved file) stays gone.
                await using var connection = new SqliteConnection(_checkpointConnectionString);
                await connection.OpenAsync();
                await connection.ExecuteAsync("PRAGMA wal_checkpoint(PASSIVE)");
            }
            catch (Exception failure) when (failure is SqliteException or IOException or UnauthorizedAccessException)
            {
                // Nothing is lost: the log keeps what it holds, and the next commit past AutoCheckpointPages (or this, after
                // the next turn) checkpoints again; a failing disk shows in the writes themselves.
            }
            finally
            {
                Volatile.Write(ref _checkpointing, 0);
            }
        }));
    }

    /// <summary>The background checkpoint running or last run: SQLite lets one checkpoint run at a time and answers a
    /// second with "busy" at once, so the one that must empty the log (maintenance, stop) waits for it first.</summary>
    internal Task BackgroundCheckpoint => Volatile.Read(ref _checkpoint);

    private sealed class WriteTurn(SqliteDatabase database, int weight) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                database._writeTurn.Release();
                database.CheckpointInBackground(weight);
            }
            return ValueTask.CompletedTask;
        }
    }

    public override bool IsTransient(Exception failure) =>
        failure is SqliteException { SqliteErrorCode: 5 or 6 }; // SQLITE_BUSY, SQLITE_LOCKED

    public override async Task<string?> CheckWritableAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            // One statement per command: in a batch, Microsoft.Data.Sqlite moves past a statement still busy at its
            // CommandTimeout instead of throwing. It also retries busy statements until then, on top of busy_timeout.
            await using var connection = await OpenWaitingAsync(wait, cancellationToken);
            await ExecuteAsync(connection, "BEGIN IMMEDIATE", cancellationToken);
            // Never skipped for a cancelled probe: a pooled connection must not go back holding the write lock.
            await ExecuteAsync(connection, "ROLLBACK", CancellationToken.None);
            return null;
        }
        catch (SqliteException error) when (StorageFailure.From(error, Description)?.Kind != StorageFailureKind.Busy)
        {
            return error.Message;
        }
    }

    /// <summary>
    /// A real write, for after a storage failure: 256 KB written and deleted in one transaction, so the commit needs new
    /// space in the WAL (and in the file at the next checkpoint) as a real write does; the pages it frees serve the next
    /// probe. Writing an article takes more than its own bytes (its indexes, its facets, the search index's new segment
    /// and the merges that one can start), so the probe asks for that much room, not just a row's. Throws what the write meets (<see cref="StorageFailure.From"/> names it).
    /// </summary>
    public async Task ProbeWriteAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        await using var connection = await OpenWaitingAsync(wait, cancellationToken);
        await ExecuteAsync(connection, "BEGIN IMMEDIATE", cancellationToken);
        try
        {
            await ExecuteAsync(connection, "INSERT INTO storage_probe (id, filler) VALUES (1, zeroblob(262144))", cancellationToken);
            await ExecuteAsync(connection, "DELETE FROM storage_probe", cancellationToken);
            await ExecuteAsync(connection, "COMMIT", cancellationToken);
        }
        finally
        {
            // Never left open on a pooled connection; a failed COMMIT may have kept the transaction (a full disk) or
            // ended it (some I/O errors).
            if (SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0)
            {
                await ExecuteAsync(connection, "ROLLBACK", CancellationToken.None);
            }
        }
    }

    /// <summary>A connection whose busy timeout is <paramref name="wait"/>; back in the pool, it is set up again at its next open.</summary>
    private async Task<SqliteConnection> OpenWaitingAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)await OpenAsync(cancellationToken);
        try
        {
            Configured.Remove(connection.Handle!);
            await ExecuteAsync(connection, $"PRAGMA busy_timeout = {(int)wait.TotalMilliseconds}", cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandTimeout = 1;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal override string InList(string column, string parameter) => $"{column} IN {parameter}";

    /// <summary>Binding looks each parameter name up among the statement's names one by one (sqlite3_bind_parameter_index):
    /// at 2,000 parameters a statement spent most of a poll's save comparing names. A few hundred statements of 120 bind
    /// in linear time overall, and SQLite has no round trip to save.</summary>
    internal override int ParametersPerStatement => 120;

    internal override async Task<IAsyncDisposable> LockSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // Each step checks and applies itself inside its own write transaction, which is lock enough for one host.
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
        return NoLock.Instance;
    }

    internal override async Task<bool> HasTableAsync(DbConnection connection, string table) =>
        await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = @Table", new { Table = table }) > 0;

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
