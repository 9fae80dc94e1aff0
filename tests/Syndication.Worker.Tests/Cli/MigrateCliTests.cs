using Syndication.Storage.Schema;
using Syndication.Testing;

namespace Syndication.Worker.Tests.Cli;

/// <summary><c>syndication migrate</c> on SQLite: creates and migrates the file once; a second run has nothing to do.</summary>
public sealed class MigrateCliTests : IDisposable
{
    private readonly string _root = ServiceUnderTest.NewRoot();

    public void Dispose() => ServiceUnderTest.DeleteRoot(_root);

    [Fact]
    public async Task Migrate_brings_a_new_file_to_the_latest_version_and_a_second_run_does_nothing()
    {
        var path = Path.Combine(_root, "archive.db");
        var environment = new Dictionary<string, string> { ["Syndication__Database"] = path };

        var first = await CliProcess.RunAsync(_root, environment, "migrate");
        var second = await CliProcess.RunAsync(_root, environment, "migrate");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains($"from schema version 0 to {Migrator.LatestVersion}", first.Output);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains($"is at schema version {Migrator.LatestVersion}; nothing to do", second.Output);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task A_postgres_setting_that_is_not_a_connection_string_is_one_line_naming_the_key_with_exit_3()
    {
        var environment = new Dictionary<string, string> { ["Syndication__Postgres"] = "Hots=db.internal" };

        var result = await CliProcess.RunAsync(_root, environment, "migrate");

        Assert.True(result.ExitCode == 3, $"exit {result.ExitCode}: {result.Error}");
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Syndication:Postgres", line);
        Assert.Contains("hots", line, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>
/// <c>syndication migrate</c> and <c>backup</c> on PostgreSQL: three processes migrating one empty database at once all
/// succeed and the steps run once; <c>backup</c> says to use pg_dump in one line with exit code 3.
/// </summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresMigrateCliTests(PostgresServer server) : IDisposable
{
    private readonly string _root = ServiceUnderTest.NewRoot();

    public void Dispose() => ServiceUnderTest.DeleteRoot(_root);

    [DatabaseFact]
    public async Task Three_processes_migrating_one_empty_database_at_once_all_succeed_and_each_step_runs_once()
    {
        var environment = new Dictionary<string, string> { ["Syndication__Postgres"] = await server.CreateDatabaseAsync() };

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => CliProcess.RunAsync(_root, environment, "migrate")));

        Assert.All(results, result => Assert.True(result.ExitCode == 0, result.Error));
        // Whichever took the lock first migrated; the others found nothing left to do.
        Assert.Single(results, result => result.Output.Contains("Migrated ", StringComparison.Ordinal));
        Assert.Equal(2, results.Count(result => result.Output.Contains("nothing to do", StringComparison.Ordinal)));
        var again = await CliProcess.RunAsync(_root, environment, "migrate");
        Assert.Contains("nothing to do", again.Output);
    }

    [DatabaseFact]
    public async Task Backup_on_postgres_says_to_use_pg_dump_in_one_line_with_exit_code_3()
    {
        var environment = new Dictionary<string, string> { ["Syndication__Postgres"] = await server.CreateDatabaseAsync() };

        var result = await CliProcess.RunAsync(_root, environment, "backup", "--out", Path.Combine(_root, "copy.db"));

        Assert.True(result.ExitCode == 3, $"exit {result.ExitCode}: {result.Error}");
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("pg_dump", line);
        Assert.False(File.Exists(Path.Combine(_root, "copy.db")));
    }
}
