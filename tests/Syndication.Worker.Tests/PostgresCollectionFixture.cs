using Syndication.Testing;

namespace Syndication.Worker.Tests;

/// <summary>One private PostgreSQL server for this assembly's PostgreSQL test classes.</summary>
[CollectionDefinition(PostgresTests.Name)]
public sealed class PostgresCollectionFixture : ICollectionFixture<PostgresServer>;
