using Microsoft.Data.Sqlite;

namespace Syndication.Worker.Tests.Cli;

/// <summary>
/// A damaged, truncated or foreign database file stops serve and the verbs with exit code 6 and one line naming the
/// file and the problem — no stack trace. (Read-only and full filesystems are in tests/faults/storage.sh, which needs root.)
/// </summary>
public sealed class StorageFailureTests : IAsyncLifetime
{
    private readonly string _root = ServiceUnderTest.NewRoot();

    private string DatabasePath => Path.Combine(_root, "data", "cli.db");

    public async Task InitializeAsync()
    {
        var imported = await CliProcess.RunAsync(_root, Environment, "import", Path.Combine(_root, "seeds"));
        Assert.True(imported.ExitCode == 0, imported.Error);
        // Everything in the main file, so damaging it is damaging the archive.
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await checkpoint.ExecuteNonQueryAsync();
    }

    public Task DisposeAsync()
    {
        ServiceUnderTest.DeleteRoot(_root);
        return Task.CompletedTask;
    }

    private Dictionary<string, string> Environment => new()
    {
        ["Syndication__Database"] = DatabasePath,
        ["Syndication__Ingestion__Enabled"] = "false",
    };

    public static readonly TheoryData<string, string[]> Damages = new()
    {
        { "overwritten", ["sources", "list"] },
        { "overwritten", ["backup", "--out", "backup.db"] },
        { "overwritten", ["import", "seeds"] },
        { "overwritten", ["serve", "--urls", "http://127.0.0.1:0"] },
        { "truncated", ["sources", "list"] },
        { "truncated", ["backup", "--out", "backup.db"] },
        { "truncated", ["import", "seeds"] },
        { "truncated", ["serve", "--urls", "http://127.0.0.1:0"] },
        { "corrupted-mid-file", ["backup", "--out", "backup.db"] },
        { "corrupted-mid-file", ["serve", "--urls", "http://127.0.0.1:0"] },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task A_damaged_database_stops_the_verb_with_exit_6_and_one_line_naming_the_file(string damage, string[] args)
    {
        Damage(damage);

        var result = await CliProcess.RunAsync(_root, Environment, args);

        Assert.True(result.ExitCode == 6, $"exit {result.ExitCode}: {result.Error}");
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), text => text.StartsWith("error: ", StringComparison.Ordinal));
        Assert.StartsWith($"error: {DatabasePath}: ", line, StringComparison.Ordinal);
        Assert.Contains("restore a backup", line);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain("Now listening", result.Output);
    }

    /// <summary>
    /// Damage past the tables' first pages passes the check before listening (header, schema, each table's first page);
    /// the check of every page that runs once the service listens finds it and stops the service the same way.
    /// </summary>
    [Fact]
    public async Task Damage_deep_in_a_table_stops_serve_after_it_listens_with_exit_6_and_one_line_naming_the_file()
    {
        long root, pageSize;
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT rootpage FROM sqlite_schema WHERE name = 'articles'";
            root = (long)(await command.ExecuteScalarAsync())!;
            command.CommandText = "PRAGMA page_size";
            pageSize = (long)(await command.ExecuteScalarAsync())!;
        }
        using (var file = new FileStream(DatabasePath, FileMode.Open, FileAccess.ReadWrite))
        {
            // The articles table's root is an interior page (35 articles do not fit one page); its right-most child is
            // not on the path to the first row, which the check before listening reads (https://sqlite.org/fileformat.html).
            var header = new byte[12];
            file.Position = (root - 1) * pageSize;
            file.ReadExactly(header);
            Assert.Equal(0x05, header[0]);
            var rightMost = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(8));
            file.Position = (rightMost - 1) * pageSize;
            file.Write(Enumerable.Repeat((byte)0xA5, (int)pageSize).ToArray());
        }

        var result = await CliProcess.RunAsync(_root, Environment, "serve", "--urls", "http://127.0.0.1:0");

        Assert.True(result.ExitCode == 6, $"exit {result.ExitCode}: {result.Error}");
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), text => text.StartsWith("error: ", StringComparison.Ordinal));
        Assert.StartsWith($"error: {DatabasePath}: the database file is damaged", line, StringComparison.Ordinal);
        Assert.Contains("restore a backup", line);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.Contains("Now listening", result.Output);
    }

    private void Damage(string how)
    {
        var length = new FileInfo(DatabasePath).Length;
        switch (how)
        {
            case "overwritten":
                File.WriteAllBytes(DatabasePath, [.. Enumerable.Range(0, 64 * 1024).Select(i => (byte)(i * 7919 % 251))]);
                break;
            case "truncated":
                using (var file = File.OpenWrite(DatabasePath))
                {
                    file.SetLength(length / 3);
                }
                break;
            default:
                // Every page past the first few overwritten: the header and schema read, the tables do not.
                using (var file = File.OpenWrite(DatabasePath))
                {
                    file.Position = 4 * 4096;
                    file.Write(Enumerable.Repeat((byte)0xA5, (int)length - (4 * 4096)).ToArray());
                }
                break;
        }
    }
}
