using Xunit;
using Xunit.Sdk;

namespace Syndication.Testing;

/// <summary>A fact of a store contract: skipped, with the install line, in a PostgreSQL class where PostgreSQL is not installed (outside CI).</summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Syndication.Testing.DatabaseFactDiscoverer", "Syndication.Testing")]
public sealed class DatabaseFactAttribute : FactAttribute;
