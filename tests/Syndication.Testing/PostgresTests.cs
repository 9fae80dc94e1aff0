namespace Syndication.Testing;

/// <summary>
/// The collection of test classes that share one private PostgreSQL server per run: each marks itself
/// <c>[Collection(PostgresTests.Name)]</c>, and each test assembly defines the collection with a
/// <c>[CollectionDefinition(PostgresTests.Name)]</c> class that is an <c>ICollectionFixture&lt;PostgresServer&gt;</c>.
/// </summary>
public static class PostgresTests
{
    public const string Name = "postgres";
}
