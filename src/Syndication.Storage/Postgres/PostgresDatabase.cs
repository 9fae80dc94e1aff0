using System.Data;
using System.Data.Common;
using Dapper;
using Npgsql;
using Syndication.Storage.Schema;
using Syndication.Storage.Search;

namespace Syndication.Storage.Postgres;

/// <summary>
/// A PostgreSQL database that several nodes share (<c>Syndication:Postgres</c>, an Npgsql connection string):
/// pooled connections from one data source, advisory locks where SQLite relies on its single writer.
/// </summary>
public sealed class PostgresDatabase : Database, IAsyncDisposable
{
    // Advisory lock keys of this application ("SYND" and a number), the same on every node.
    private const long SchemaLock = 0x53594E44_00000001;
    private const long ArchiveLock = 0x53594E44_00000002;

    private readonly NpgsqlDataSource _source;

    public PostgresDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Description = $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
        _source = NpgsqlDataSource.Create(builder);
    }

    public override DatabaseEngine Engine => DatabaseEngine.Postgres;

    public override string Description { get; }

    internal override string SkipLocked => " FOR UPDATE SKIP LOCKED";

    internal override string ServerRun => "CAST(pg_postmaster_start_time() AS text)";

    internal override IReadOnlyList<Migration> Migrations => PostgresMigrations.All;

    internal override SearchEngine Search { get; } = new PostgresSearchEngine();

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        EventLoopGuard.Check(Description);
        return await _source.OpenConnectionAsync(cancellationToken);
    }

    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

    internal override Task LockArchiveAsync(DbConnection connection, DbTransaction transaction) =>
        connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@Key)", new { Key = ArchiveLock }, transaction);

    public override bool IsTransient(Exception failure) =>
        failure is NpgsqlException { IsTransient: true } || failure is PostgresException { SqlState: "40001" or "40P01" or "55P03" };

    public override async Task<string?> CheckWritableAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // A standby refuses READ WRITE; the lock is the one every write of a row takes, so a held lock shows too.
            await connection.ExecuteAsync(
                $"SET TRANSACTION READ WRITE; SET LOCAL lock_timeout = {(int)wait.TotalMilliseconds}; LOCK TABLE archive_state IN ROW EXCLUSIVE MODE;",
                transaction: transaction);
            await transaction.RollbackAsync(CancellationToken.None);
            return null;
        }
        catch (NpgsqlException error) when (StorageFailure.From(error, Description)?.Kind != StorageFailureKind.Busy)
        {
            return error.Message;
        }
    }

    internal override string InList(string column, string parameter) => $"{column} = ANY({parameter})";

    internal override async Task<IAsyncDisposable> LockSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // A session lock held across every step: the other nodes starting at once wait here, then find nothing to do.
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@Key)", new { Key = SchemaLock }, cancellationToken: cancellationToken));
        return new SessionLock(connection, SchemaLock);
    }

    internal override async Task<bool> HasTableAsync(DbConnection connection, string table) =>
        await connection.ExecuteScalarAsync<bool>("SELECT to_regclass(@Table) IS NOT NULL", new { Table = table });

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    private sealed class SessionLock(DbConnection connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() =>
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@Key)", new { Key = key });
    }
}
