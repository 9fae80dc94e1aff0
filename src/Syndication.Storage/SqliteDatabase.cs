using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Syndication.Storage.Schema;
using Syndication.Storage.Search;
using Syndication.Storage.Sqlite;

namespace Syndication.Storage;

/// <summary>The SQLite file: connections with the settings every one needs (foreign keys, busy timeout, the search_text function).</summary>
public sealed class SqliteDatabase : Database
{
    private readonly string _connectionString;

    public SqliteDatabase(string path, TimeSpan busyTimeout)
    {
        Path = System.IO.Path.GetFullPath(path);
        BusyTimeout = busyTimeout;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds),
        }.ToString();
    }

    public string Path { get; }

    public TimeSpan BusyTimeout { get; }

    public override DatabaseEngine Engine => DatabaseEngine.Sqlite;

    public override string Description => Path;

    internal override string SkipLocked => "";

    internal override IReadOnlyList<Migration> Migrations => Schema.Migrations.All;

    internal override SearchEngine Search { get; } = new SqliteSearchEngine();

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText = $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL;";
        await pragmas.ExecuteNonQueryAsync(cancellationToken);
        SearchFunctions.Register(connection);
        return connection;
    }

    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        // Serializable is BEGIN IMMEDIATE in Microsoft.Data.Sqlite: the write lock is taken now, not at the first write.
        await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);

    internal override Task LockArchiveAsync(DbConnection connection, DbTransaction transaction) => Task.CompletedTask;

    public override bool IsTransient(Exception failure) =>
        failure is SqliteException { SqliteErrorCode: 5 or 6 }; // SQLITE_BUSY, SQLITE_LOCKED

    public override async Task<string?> CheckWritableAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            // One statement per command: in a batch, Microsoft.Data.Sqlite moves past a statement still busy at its
            // CommandTimeout instead of throwing. It also retries busy statements until then, on top of busy_timeout.
            await ExecuteAsync(connection, $"PRAGMA busy_timeout = {(int)wait.TotalMilliseconds}", cancellationToken);
            await ExecuteAsync(connection, "BEGIN IMMEDIATE", cancellationToken);
            // Never skipped for a cancelled probe: a pooled connection must not go back holding the write lock.
            await ExecuteAsync(connection, "ROLLBACK", CancellationToken.None);
            return null;
        }
        catch (SqliteException error)
        {
            return error.Message;
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
