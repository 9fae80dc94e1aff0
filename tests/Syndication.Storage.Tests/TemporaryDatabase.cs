using Microsoft.Data.Sqlite;

namespace Syndication.Storage.Tests;

/// <summary>A real SQLite file in a fresh folder of its own, with a clock the test moves; deleted afterwards.</summary>
public sealed class TemporaryDatabase : TestDatabase
{
    private readonly string _folder;

    public TemporaryDatabase()
    {
        _folder = Path.Combine(Path.GetTempPath(), "syndication-storage-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        Database = new SqliteDatabase(Path.Combine(_folder, "syndication.db"), TimeSpan.FromSeconds(5));
    }

    public override SqliteDatabase Database { get; }

    public override string ClearSearchIndexesSql =>
        "INSERT INTO article_search (article_search) VALUES ('delete-all'); INSERT INTO entry_search (entry_search) VALUES ('delete-all');";

    public override void Dispose()
    {
        // Pooled connections keep the file open; let them go before the folder is deleted.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
