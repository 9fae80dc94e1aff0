using Syndication.Worker.Tests.Publishing;
using static Microsoft.Playwright.Assertions;

namespace Syndication.Browser.Tests;

/// <summary>One feed URL, two audiences: a person opening it in Chromium reads a page; a feed reader fetching it gets the feed.</summary>
[Collection(BrowserTests.Name)]
public sealed class FeedInBrowserTests(BrowserSite site)
{
    [BrowserTheory]
    [InlineData("feeds/rss.xml", "rss20")]
    [InlineData("feeds/sections/kinh-te/atom.xml", "atom10")]
    [InlineData("feeds/tags/dak-lak/rss.xml", "rss20")]
    public async Task A_feed_url_is_a_readable_page_in_the_browser_and_the_feed_to_feedparser(string path, string format)
    {
        Feedparser.RequireOrSkip();
        await using var tab = await site.OpenAsync(PageChecksTests.Desktop);
        var page = tab.Page;

        var response = await page.GotoAsync(site.Url(path));
        var (version, contentType, entryLinks) = await Feedparser.FetchAsync(new Uri(site.Url(path)));

        Assert.Equal(200, response!.Status);
        Assert.StartsWith("text/html", response.Headers["content-type"], StringComparison.Ordinal);
        // The page says what the feed is and how to subscribe: the URL to copy, and the way to every other feed.
        await Expect(page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator($"input[readonly][value='{site.Url(path)}']")).ToHaveCountAsync(1);
        await Expect(page.Locator("main a[href$='/feeds']").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, path, PageChecksTests.Desktop);
        var pageLinks = await page.Locator("main a[href*='/articles/']").EvaluateAllAsync<string[]>("links => links.map(a => a.href)");
        Assert.Empty(tab.Errors);

        Assert.Equal(format, version);
        Assert.DoesNotContain("text/html", contentType, StringComparison.Ordinal);
        Assert.NotEmpty(entryLinks);
        // The page lists the feed's newest items, linked: the same articles feedparser reads first.
        Assert.NotEmpty(pageLinks);
        Assert.Equal(entryLinks.Take(pageLinks.Distinct().Count()), pageLinks.Distinct());
    }
}
