using Syndication.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Syndication.Browser.Tests;

/// <summary>Discovers <see cref="BrowserTheoryAttribute"/> tests as skippable theories, or as skipped where Chromium is missing.</summary>
public sealed class BrowserTheoryDiscoverer(IMessageSink sink) : IXunitTestCaseDiscoverer
{
    private readonly SkippableTheoryDiscoverer _theories = new(sink);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        Chromium.SkipReason is { } reason
            ? [new SkippedTestCase(sink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)]
            : _theories.Discover(discoveryOptions, testMethod, factAttribute);
}
