using System.Collections.Concurrent;
using Dapper;
using Syndication.Storage.Postgres;
using Syndication.Testing;

namespace Syndication.Storage.Tests;

/// <summary>
/// A database of its own on the run's private PostgreSQL server, with a clock the test moves. Migrated databases are
/// reused: emptied after a test (every table truncated, the rows migrations seed put back) and handed to the next,
/// because creating a database costs most of a second here and a test of a store a few milliseconds.
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    private static readonly ConcurrentBag<string> Free = [];

    private readonly PostgresDatabase? _database;
    private readonly string? _connectionString;
    private readonly bool _reusable;

    /// <summary>A database at the newest schema, or an empty one when not <paramref name="migrated"/>.</summary>
    public PostgresTestDatabase(PostgresServer server, bool migrated = true)
    {
        if (PostgresServer.SkipReason is not null)
        {
            // The tests are skipped (no server): nothing of this is used.
            return;
        }
        _reusable = migrated;
        _connectionString = !migrated ? server.CreateDatabaseAsync().GetAwaiter().GetResult()
            : Free.TryTake(out var free) ? free
            : server.CreateDatabaseFromAsync("migrated", PrepareAsync).GetAwaiter().GetResult();
        _database = new PostgresDatabase(_connectionString);
    }

    public override PostgresDatabase Database => _database ?? throw new InvalidOperationException(PostgresServer.InstallHint);

    public override string ClearSearchIndexesSql => "DELETE FROM article_search; DELETE FROM entry_search;";

    public override void Dispose()
    {
        if (_database is null)
        {
            return;
        }
        if (_reusable)
        {
            ResetAsync(_database).GetAwaiter().GetResult();
        }
        _database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (_reusable)
        {
            Free.Add(_connectionString!);
        }
    }

    /// <summary>Migrates the template, and keeps a copy of every row the migrations seeded (archive_state) in the schema "seed".</summary>
    private static async Task PrepareAsync(string connectionString)
    {
        await using var database = new PostgresDatabase(connectionString);
        await new Syndication.Storage.Schema.Migrator(database, TimeProvider.System).MigrateAsync(CancellationToken.None);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("""
            CREATE SCHEMA seed;
            DO $$
            DECLARE t text;
            BEGIN
                FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_version' LOOP
                    EXECUTE format('CREATE TABLE seed.%I AS SELECT * FROM public.%I', t, t);
                END LOOP;
            END $$;
            """);
    }

    private static async Task ResetAsync(PostgresDatabase database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("""
            -- DELETE rather than TRUNCATE: on tables this small it is many times quicker (no new files per table).
            SET session_replication_role = replica;
            DO $$
            DECLARE t text;
            BEGIN
                FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_version' LOOP
                    EXECUTE format('DELETE FROM public.%I', t);
                END LOOP;
                FOR t IN SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' LOOP
                    EXECUTE format('ALTER SEQUENCE public.%I RESTART', t);
                END LOOP;
                FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'seed' LOOP
                    EXECUTE format('INSERT INTO public.%I SELECT * FROM seed.%I', t, t);
                END LOOP;
            END $$;
            SET session_replication_role = DEFAULT;
            """);
    }
}
