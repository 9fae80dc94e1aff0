using Xunit.Sdk;

namespace Syndication.Browser.Tests;

/// <summary>A browser fact: skipped, with the install line, where Chromium is not installed (outside CI).</summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Syndication.Browser.Tests.BrowserFactDiscoverer", "Syndication.Browser.Tests")]
public sealed class BrowserFactAttribute : FactAttribute;
