using Microsoft.Extensions.Time.Testing;
using Syndication.Storage.Schema;

namespace Syndication.Storage.Tests;

/// <summary>A real, empty database of one engine for one test class, with a clock the test moves; dropped afterwards.</summary>
public abstract class TestDatabase : IDisposable
{
    public static readonly DateTimeOffset Start = new(2024, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public abstract Database Database { get; }

    public FakeTimeProvider Clock { get; } = new(Start);

    public Migrator CreateMigrator() => new(Database, Clock);

    /// <summary>SQL that empties both search indexes without touching the rows, to test their rebuild.</summary>
    public abstract string ClearSearchIndexesSql { get; }

    public abstract void Dispose();
}
