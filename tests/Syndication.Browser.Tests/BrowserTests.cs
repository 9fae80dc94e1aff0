namespace Syndication.Browser.Tests;

/// <summary>
/// The collection of every browser test class: they run one after another over one shared <see cref="BrowserSite"/>
/// (one service, one Chromium), which keeps the project's run short.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<BrowserSite>
{
    public const string Name = "browser";
}
