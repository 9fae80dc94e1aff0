namespace Syndication.Browser.Tests;

/// <summary>The accessibility check itself: on a page that breaks axe-core's rules, it reports them.</summary>
[Collection(BrowserTests.Name)]
public sealed class AccessibilityCheckTests(BrowserSite site)
{
    [BrowserFact]
    public async Task The_check_reports_what_axe_calls_critical_on_a_page_that_breaks_the_rules()
    {
        await using var tab = await site.OpenAsync(PageChecksTests.Desktop);
        await tab.Page.SetContentAsync(
            """
            <!DOCTYPE html><html lang="vi"><head><title>Trang lỗi</title></head><body><main>
            <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="10" height="10">
            <input type="text" name="khong-nhan">
            </main></body></html>
            """);

        var violations = await Accessibility.ViolationsAsync(tab.Page);

        Assert.Contains(violations, violation => violation.Id == "image-alt" && violation.Impact == "critical" && violation.Nodes.Count == 1);
        Assert.Contains(violations, violation => violation.Id == "label" && violation.Impact == "critical");
    }
}
