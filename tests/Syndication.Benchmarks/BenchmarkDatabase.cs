using Microsoft.Data.Sqlite;
using Syndication.Storage;
using Syndication.Storage.Schema;

namespace Syndication.Benchmarks;

/// <summary>
/// A benchmark's database, built once into a temp folder and reused by every process BenchmarkDotNet starts: a
/// "complete" marker says the build finished; a folder without it was interrupted and is built again.
/// </summary>
internal static class BenchmarkDatabase
{
    public static async Task<SqliteDatabase> OpenOrBuildAsync(string name, Func<SqliteDatabase, Task> fill)
    {
        var folder = Path.Combine(Path.GetTempPath(), "syndication-benchmarks", name);
        var complete = Path.Combine(folder, "complete");
        var database = new SqliteDatabase(Path.Combine(folder, "syndication.db"), TimeSpan.FromSeconds(30));
        if (File.Exists(complete))
        {
            return database;
        }
        if (Directory.Exists(folder))
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
        Directory.CreateDirectory(folder);
        var started = TimeProvider.System.GetTimestamp();
        await new Migrator(database, TimeProvider.System).MigrateAsync(CancellationToken.None);
        await fill(database);
        await File.WriteAllTextAsync(complete, "");
        Console.WriteLine($"// {name}: built in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:F1} s at {database.Path}");
        return database;
    }
}
