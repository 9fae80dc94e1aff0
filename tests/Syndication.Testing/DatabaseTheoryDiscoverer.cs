using Xunit.Abstractions;
using Xunit.Sdk;

namespace Syndication.Testing;

/// <summary>Discovers <see cref="DatabaseTheoryAttribute"/> tests as theories, or as skipped where the class needs a PostgreSQL that is missing.</summary>
public sealed class DatabaseTheoryDiscoverer(IMessageSink sink) : IXunitTestCaseDiscoverer
{
    private readonly TheoryDiscoverer _theories = new(sink);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        PostgresSkip.ReasonFor(testMethod) is { } reason
            ? [new SkippedTestCase(sink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)]
            : _theories.Discover(discoveryOptions, testMethod, factAttribute);
}
