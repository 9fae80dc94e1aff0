using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Syndication.Storage.Schema;

namespace Syndication.Storage.Tests;

/// <summary>A real SQLite file in a fresh folder of its own, with a clock the test moves; deleted afterwards.</summary>
public sealed class TemporaryDatabase : IDisposable
{
    public static readonly DateTimeOffset Start = new(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly string _folder;

    public TemporaryDatabase()
    {
        _folder = Path.Combine(Path.GetTempPath(), "syndication-storage-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        Database = new SqliteDatabase(Path.Combine(_folder, "syndication.db"), TimeSpan.FromSeconds(5));
    }

    public SqliteDatabase Database { get; }

    public FakeTimeProvider Clock { get; } = new(Start);

    public Migrator CreateMigrator() => new(Database, Clock);

    public void Dispose()
    {
        // Pooled connections keep the file open; let them go before the folder is deleted.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
