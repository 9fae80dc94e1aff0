using Xunit.Abstractions;
using Xunit.Sdk;

namespace Syndication.Testing;

/// <summary>Discovers <see cref="DatabaseFactAttribute"/> tests as facts, or as skipped where the class needs a PostgreSQL that is missing.</summary>
public sealed class DatabaseFactDiscoverer(IMessageSink sink) : IXunitTestCaseDiscoverer
{
    private readonly FactDiscoverer _facts = new(sink);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        PostgresSkip.ReasonFor(testMethod) is { } reason
            ? [new SkippedTestCase(sink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)]
            : _facts.Discover(discoveryOptions, testMethod, factAttribute);
}
