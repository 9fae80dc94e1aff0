using System.Net;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Syndication.Storage.Ingestion;
using Microsoft.Extensions.DependencyInjection;

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
    ];

    private static readonly string[] AdminPages = ["admin", "admin/sources", PolledSourcePage, "admin/partners", "admin/usage"];

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
            foreach (var type in (string[])["application/rss+xml", "application/atom+xml", "application/feed+json"])
            {
                if (await page.Locator($"head link[rel=alternate][type='{type}'][href]").CountAsync() == 0)
                {
                    problems.Add($"no autodiscovery link of type {type}");
                }
            }
        }
        // Violations only: the passing checks of every node would be sent back too, for nothing.
        var axe = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
        problems.AddRange(axe.Violations
            .Where(violation => violation.Impact is "serious" or "critical")
            .Select(violation => $"axe {violation.Impact} {violation.Id}: {violation.Help} at "
                + string.Join(" | ", violation.Nodes.Take(4).Select(node => $"{node.Target} {node.Html}"))));

        Assert.True(problems.Count == 0, $"/{path} at {width} px:\n" + string.Join("\n", problems));
    }

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
