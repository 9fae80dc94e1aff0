using Syndication.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Syndication.Browser.Tests;

/// <summary>Discovers <see cref="BrowserFactAttribute"/> tests as skippable facts (a test may still skip itself, e.g. without feedparser), or as skipped where Chromium is missing.</summary>
public sealed class BrowserFactDiscoverer(IMessageSink sink) : IXunitTestCaseDiscoverer
{
    private readonly SkippableFactDiscoverer _facts = new(sink);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        Chromium.SkipReason is { } reason
            ? [new SkippedTestCase(sink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)]
            : _facts.Discover(discoveryOptions, testMethod, factAttribute);
}
