using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Syndication.Storage.Ingestion;

namespace Syndication.Browser.Tests;

/// <summary>
/// Each page a person reaches, at a desktop and a phone width, as Chromium shows it: no console errors, no sideways
/// scrolling on the phone, no dead links, feeds to discover on public pages, and no serious or critical accessibility
/// violations (axe-core).
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class PageChecksTests(BrowserSite site)
{
    public const int Desktop = 1280;
    public const int Phone = 390;

    /// <summary>The console's page of the source the service polled at start.</summary>
    private const string PolledSourcePage = "admin/sources/{polled}";

    private static readonly string[] PublicPages =
    [
        "",
        "feeds",
        "sections/kinh-te",
        "authors/trong-nghia",
        "tags/dak-lak",
        "archive/2024-09",
        "articles/tai-canh-ca-phe-buoc-di-can-thiet-de-phat-trien-ben-vung",
        "search?q=c%C3%A0%20ph%C3%AA",
        // A feed opened in a browser is a page too.
        "feeds/sections/kinh-te/feed.json",
        // The newspaper's own sample article (seeds/000_…), with its figure and related teasers.
        "articles/tang-cuong-su-lanh-dao-cua-dang-doi-voi-tin-dung-chinh-sach-xa-hoi",
        // An article with photos (one wider than any screen), from the CMS API.
        "articles/" + BrowserSite.PhotoArticle,
    ];

    /// <summary>The profile form of the first partner: the console's own admin key.</summary>
    private const string ProfilePage = "admin/partners/1/profile";

    private static readonly string[] AdminPages = ["admin", "admin/sources", PolledSourcePage, "admin/rules", "admin/alerts", "admin/partners", ProfilePage, "admin/usage"];

    public static TheoryData<string, int> Pages()
    {
        var pages = new TheoryData<string, int>();
        foreach (var path in PublicPages.Concat(AdminPages))
        {
            pages.Add(path, Desktop);
            pages.Add(path, Phone);
        }
        return pages;
    }

    [BrowserTheory]
    [MemberData(nameof(Pages))]
    public async Task A_page_is_clean_in_the_browser(string path, int width)
    {
        // The login page is what a signed-out person sees; the console's other pages need the session.
        var signedIn = path.StartsWith("admin/", StringComparison.Ordinal);
        if (path == PolledSourcePage)
        {
            path = $"admin/sources/{await PolledSourceIdAsync()}";
        }
        await using var tab = await site.OpenAsync(width, signedIn);
        var page = tab.Page;

        var response = await page.GotoAsync(site.Url(path), new() { WaitUntil = WaitUntilState.Load });
        Assert.NotNull(response);
        Assert.Equal((int)HttpStatusCode.OK, response.Status);
        Assert.Equal(site.Url(path), page.Url);
        await Screenshots.SaveAsync(page, path, width);

        var problems = new List<string>();
        problems.AddRange(tab.Errors);
        if (width == Phone)
        {
            var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
            var (scrollWidth, innerWidth) = (widths[0], widths[1]);
            if (scrollWidth > innerWidth)
            {
                problems.Add($"scrolls sideways: {scrollWidth} px of content in {innerWidth} px; widest: {await WidestElementsAsync(page, innerWidth)}");
            }
        }
        foreach (var link in await SameOriginLinksAsync(page))
        {
            var status = await site.LinkStatusAsync(link, signedIn);
            if (status != HttpStatusCode.OK)
            {
                problems.Add($"link {link} answers {(int)status}");
            }
        }
        if (!path.StartsWith("admin", StringComparison.Ordinal))
        {
            // A page offers its feeds in every format; a feed's own page offers that feed (some exist in one format only).
            string[] types = path.StartsWith("feeds/", StringComparison.Ordinal)
                ? [FeedTypeOf(path)]
                : ["application/rss+xml", "application/atom+xml", "application/feed+json"];
            foreach (var type in types)
            {
                if (await page.Locator($"head link[rel=alternate][type='{type}'][href]").CountAsync() == 0)
                {
                    problems.Add($"no autodiscovery link of type {type}");
                }
            }
        }
        problems.AddRange((await Accessibility.ViolationsAsync(page))
            .Where(violation => violation.Impact is "serious" or "critical")
            .Select(violation => $"axe {violation.Impact} {violation.Id}: {violation.Help} at {string.Join(" | ", violation.Nodes)}"));

        Assert.True(problems.Count == 0, $"/{path} at {width} px:\n" + string.Join("\n", problems));
    }

    private static string FeedTypeOf(string path) =>
        path.EndsWith(".json", StringComparison.Ordinal) ? "application/feed+json"
        : path.EndsWith("rss.xml", StringComparison.Ordinal) ? "application/rss+xml"
        : "application/atom+xml";

    private async Task<long> PolledSourceIdAsync() =>
        (await site.Service.Services.GetRequiredService<SourceStore>().ListAsync(true, CancellationToken.None))
        .Single(source => source.Url.EndsWith(BrowserSite.PolledFeedPath, StringComparison.Ordinal)).Id;

    /// <summary>Every distinct same-origin link of the page (anchors and the head's links), without its fragment.</summary>
    private async Task<IReadOnlyList<string>> SameOriginLinksAsync(IPage page)
    {
        var hrefs = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('a[href], link[href]')].map(a => a.href)");
        var origin = site.BaseUrl.GetLeftPart(UriPartial.Authority);
        return [.. hrefs
            .Where(href => Uri.TryCreate(href, UriKind.Absolute, out var uri) && uri.GetLeftPart(UriPartial.Authority) == origin)
            .Select(href => new Uri(href).GetLeftPart(UriPartial.Query))
            .Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The elements that reach past the viewport's right edge, deepest first, to say what to fix.</summary>
    private static async Task<string> WidestElementsAsync(IPage page, int innerWidth) =>
        string.Join(", ", await page.EvaluateAsync<string[]>(
            """
            width => [...document.body.querySelectorAll('*')]
                .filter(e => e.getBoundingClientRect().right > width + 0.5 && e.children.length === 0)
                .slice(0, 5)
                .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' (' + Math.round(e.getBoundingClientRect().right) + ' px)')
            """, innerWidth));
}
