using Xunit.Sdk;

namespace Syndication.Browser.Tests;

/// <summary>A browser theory: skipped, with the install line, where Chromium is not installed (outside CI).</summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Syndication.Browser.Tests.BrowserTheoryDiscoverer", "Syndication.Browser.Tests")]
public sealed class BrowserTheoryAttribute : TheoryAttribute;
