using System.Data.Common;
using System.Globalization;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using Syndication.Storage.Schema;
using Syndication.Storage.Search;

namespace Syndication.Storage.Postgres;

/// <summary>
/// Copies a SQLite archive into an empty PostgreSQL database (<c>syndication store copy</c>): both brought to this
/// build's schema, every table's rows in one PostgreSQL transaction (parents before children, identities moved past
/// the copied ids), each table's count checked against the file's before the commit, then the search index built.
/// Leases, rate windows and the readiness probe's scratch row are not data and are not copied.
/// </summary>
public sealed class StoreCopy(SqliteDatabase from, PostgresDatabase to, TimeProvider clock)
{
    private static readonly HashSet<string> NotCopied = new(StringComparer.Ordinal)
    {
        "schema_version", "article_search", "entry_search", "job_leases", "partner_windows", "storage_probe",
    };

    // Rows the migrations seed in every new database: replaced by the file's, so they do not make a target non-empty.
    private static readonly HashSet<string> Seeded = new(StringComparer.Ordinal) { "archive_state" };

    public async Task<StoreCopyReport> CopyAsync(CancellationToken cancellationToken)
    {
        await new Migrator(from, clock).MigrateAsync(cancellationToken);
        await new Migrator(to, clock).MigrateAsync(cancellationToken);
        await using var source = await from.OpenAsync(cancellationToken);
        // PostgreSQL's band index gets every stored entry's bands, computed from its signature: the file keeps them in
        // three places (its index, its folded runs and, for its newest entries, only their signatures).
        await BandsFromSignaturesAsync(source);
        await using var target = (NpgsqlConnection)await to.OpenAsync(cancellationToken);
        await using var transaction = await target.BeginTransactionAsync(cancellationToken);
        var tables = await TablesInOrderAsync(target, transaction);
        var nonEmpty = new List<string>();
        foreach (var table in tables.Where(table => !Seeded.Contains(table)))
        {
            if (await target.ExecuteScalarAsync<bool>($"SELECT EXISTS (SELECT 1 FROM {Quote(table)})", transaction: transaction))
            {
                nonEmpty.Add(table);
            }
        }
        if (nonEmpty.Count > 0)
        {
            throw new StoreCopyRefusedException(
                $"{to.Description} is not empty ({string.Join(", ", nonEmpty.Take(5))}{(nonEmpty.Count > 5 ? ", …" : "")} hold rows); copy into an empty database (createdb a new one)");
        }
        var copied = new List<(string Table, long Rows)>();
        foreach (var table in tables)
        {
            // Rows already there were put by the migrations (archive_state) or by a trigger as a parent was copied
            // (the articles and entries queued for relating): the file's own rows replace them.
            await target.ExecuteAsync($"DELETE FROM {Quote(table)}", transaction: transaction);
            var from = table == "entry_story_bands" ? CopiedBands : Quote(table);
            var rows = await CopyTableAsync(source, target, table, from, cancellationToken);
            var expected = await source.ExecuteScalarAsync<long>($"SELECT count(*) FROM {from}");
            var landed = await target.ExecuteScalarAsync<long>($"SELECT count(*) FROM {Quote(table)}", transaction: transaction);
            if (rows != expected || landed != expected)
            {
                throw new StoreCopyRefusedException(
                    $"{table}: the file has {expected} rows but {landed} arrived in {to.Description}; nothing was copied");
            }
            copied.Add((table, landed));
        }
        await MoveIdentitiesAsync(target, transaction);
        await transaction.CommitAsync(cancellationToken);
        var indexed = await new SearchStore(to).ReindexAsync(cancellationToken);
        return new StoreCopyReport(copied, indexed);
    }

    /// <summary>The tables to copy, each after every table it refers to.</summary>
    private static async Task<List<string>> TablesInOrderAsync(NpgsqlConnection target, NpgsqlTransaction transaction)
    {
        var tables = (await target.QueryAsync<string>(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
                transaction: transaction))
            .Where(table => !NotCopied.Contains(table)).ToList();
        var parents = (await target.QueryAsync<(string Child, string Parent)>("""
                SELECT child.relname, parent.relname
                FROM pg_constraint c
                JOIN pg_class child ON child.oid = c.conrelid
                JOIN pg_class parent ON parent.oid = c.confrelid
                WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace AND c.conrelid <> c.confrelid
                """, transaction: transaction))
            .ToLookup(link => link.Child, link => link.Parent, StringComparer.Ordinal);
        var ordered = new List<string>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        void Place(string table)
        {
            if (!placed.Add(table))
            {
                return;
            }
            foreach (var parent in parents[table].Where(tables.Contains))
            {
                Place(parent);
            }
            ordered.Add(table);
        }
        tables.ForEach(Place);
        return ordered;
    }

    private const string CopiedBands = "temp.copied_story_bands";

    /// <summary>Every signed entry's bands, as PostgreSQL's index holds them, in a temporary table of the file's connection.</summary>
    private static async Task BandsFromSignaturesAsync(DbConnection source)
    {
        await source.ExecuteAsync($"""
            CREATE TABLE {CopiedBands} (band INTEGER NOT NULL, entry_id INTEGER NOT NULL, PRIMARY KEY (band, entry_id)) WITHOUT ROWID
            """);
        var after = 0L;
        while (true)
        {
            var signed = (await source.QueryAsync<(long Id, byte[] Hashes)>("""
                SELECT id, story_hashes FROM entries WHERE id > @After AND story_hashes IS NOT NULL AND story_shingles >= @Minimum
                ORDER BY id LIMIT 2048
                """, new { After = after, Minimum = Core.Ingestion.Stories.StorySignature.MinimumShingles })).AsList();
            if (signed.Count == 0)
            {
                return;
            }
            var rows = signed.SelectMany(entry => Core.Ingestion.Stories.StorySignature.StoredBands(entry.Hashes).Select(band => new[] { band, entry.Id }));
            await source.ExecuteAsync(
                $"INSERT INTO {CopiedBands} (band, entry_id) SELECT value ->> 0, value ->> 1 FROM json_each(@Rows) WHERE 1 ON CONFLICT DO NOTHING",
                new { Rows = System.Text.Json.JsonSerializer.Serialize(rows) });
            after = signed[^1].Id;
        }
    }

    private static async Task<long> CopyTableAsync(DbConnection source, NpgsqlConnection target, string table, string from, CancellationToken cancellationToken)
    {
        var targetColumns = (await target.QueryAsync<(string Name, string Type)>(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = @Table ORDER BY ordinal_position",
            new { Table = table })).ToList();
        var sourceColumns = (await source.QueryAsync<string>("SELECT name FROM pragma_table_info(@Table)", new { Table = table }))
            .ToHashSet(StringComparer.Ordinal);
        var columns = targetColumns.Where(column => sourceColumns.Contains(column.Name)).ToList();
        var list = string.Join(", ", columns.Select(column => Quote(column.Name)));
        await using var read = source.CreateCommand();
        read.CommandText = $"SELECT {list} FROM {from}";
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        await using var writer = await target.BeginBinaryImportAsync($"COPY {Quote(table)} ({list}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        long rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            await writer.StartRowAsync(cancellationToken);
            for (var i = 0; i < columns.Count; i++)
            {
                var value = reader.GetValue(i);
                if (value is DBNull)
                {
                    await writer.WriteNullAsync(cancellationToken);
                    continue;
                }
                await (columns[i].Type switch
                {
                    "bigint" => writer.WriteAsync(Convert.ToInt64(value, CultureInfo.InvariantCulture), NpgsqlDbType.Bigint, cancellationToken),
                    "integer" => writer.WriteAsync(Convert.ToInt32(value, CultureInfo.InvariantCulture), NpgsqlDbType.Integer, cancellationToken),
                    "boolean" => writer.WriteAsync(Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0, NpgsqlDbType.Boolean, cancellationToken),
                    "double precision" => writer.WriteAsync(Convert.ToDouble(value, CultureInfo.InvariantCulture), NpgsqlDbType.Double, cancellationToken),
                    "bytea" => writer.WriteAsync((byte[])value, NpgsqlDbType.Bytea, cancellationToken),
                    _ => writer.WriteAsync(Convert.ToString(value, CultureInfo.InvariantCulture)!, NpgsqlDbType.Text, cancellationToken),
                });
            }
            rows++;
        }
        await writer.CompleteAsync(cancellationToken);
        return rows;
    }

    // Rows came with their ids: the next id PostgreSQL hands out must be past them.
    private static async Task MoveIdentitiesAsync(NpgsqlConnection target, NpgsqlTransaction transaction)
    {
        var identities = await target.QueryAsync<(string Table, string Column)>(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND is_identity = 'YES'",
            transaction: transaction);
        foreach (var (table, column) in identities)
        {
            await target.ExecuteAsync(
                $"SELECT setval(pg_get_serial_sequence(@Table, @Column), coalesce(max({Quote(column)}), 0) + 1, false) FROM {Quote(table)}",
                new { Table = table, Column = column }, transaction);
        }
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
