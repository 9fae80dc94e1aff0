using Microsoft.Data.Sqlite;

namespace Syndication.Worker.Tests.Operations.Maintenance;

public sealed class BackupCliTests : IDisposable
{
    private readonly string _root = ServiceUnderTest.NewRoot();

    private Dictionary<string, string> Environment => new()
    {
        ["Syndication__Database"] = Path.Combine(_root, "data", "cli.db"),
    };

    private static long CountArticles(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM articles";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task Backup_writes_a_checked_copy_and_refuses_to_overwrite_without_force()
    {
        Assert.Equal(0, (await CliProcess.RunAsync(_root, Environment, "import", Path.Combine(_root, "seeds"))).ExitCode);
        var target = Path.Combine(_root, "backup.db");

        var first = await CliProcess.RunAsync(_root, Environment, "backup", "--out", target);
        var again = await CliProcess.RunAsync(_root, Environment, "backup", "--out", target);
        var forced = await CliProcess.RunAsync(_root, Environment, "backup", "--out", target, "--force");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains(target, first.Output);
        Assert.Contains($"({new FileInfo(target).Length} bytes)", first.Output);
        Assert.Equal(4, again.ExitCode);
        Assert.Contains("--force", again.Error);
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal(4, CountArticles(target));
        Assert.Empty(Directory.GetFiles(_root, "*.tmp"));
    }

    [Fact]
    public async Task Backup_into_a_missing_folder_or_without_out_is_a_bad_argument()
    {
        var missingFolder = await CliProcess.RunAsync(_root, Environment, "backup", "--out", Path.Combine(_root, "khong-co", "backup.db"));
        var noOut = await CliProcess.RunAsync(_root, Environment, "backup");

        Assert.Equal(4, missingFolder.ExitCode);
        Assert.Contains("does not exist", missingFolder.Error);
        Assert.Equal(5, noOut.ExitCode);
        Assert.False(Directory.Exists(Path.Combine(_root, "khong-co")));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}
