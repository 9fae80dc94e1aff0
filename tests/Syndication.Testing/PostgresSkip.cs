using Xunit;
using Xunit.Abstractions;

namespace Syndication.Testing;

/// <summary>Whether a test's class is in the PostgreSQL collection while the server binaries are missing outside CI.</summary>
internal static class PostgresSkip
{
    public static string? ReasonFor(ITestMethod method) =>
        PostgresServer.SkipReason is { } reason && method.TestClass.Class.GetCustomAttributes(typeof(CollectionAttribute))
            .Any(collection => collection.GetConstructorArguments().FirstOrDefault() as string == PostgresTests.Name)
            ? reason
            : null;
}
