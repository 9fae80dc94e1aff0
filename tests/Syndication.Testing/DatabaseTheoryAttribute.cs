using Xunit;
using Xunit.Sdk;

namespace Syndication.Testing;

/// <summary>A theory of a store contract: skipped, with the install line, in a PostgreSQL class where PostgreSQL is not installed (outside CI).</summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Syndication.Testing.DatabaseTheoryDiscoverer", "Syndication.Testing")]
public sealed class DatabaseTheoryAttribute : TheoryAttribute;
