using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Syndication.Storage.Ingestion;
using Syndication.Worker.Tests.Ingestion.Polling;
using static Microsoft.Playwright.Assertions;

namespace Syndication.Browser.Tests;

/// <summary>The admin console driven as an operator drives it: by typing and clicking in Chromium.</summary>
[Collection(BrowserTests.Name)]
public sealed partial class AdminConsoleInBrowserTests(BrowserSite site)
{
    [BrowserFact]
    public async Task An_operator_signs_in_adds_and_polls_a_source_sees_its_entries_makes_and_revokes_a_key_and_signs_out()
    {
        site.Feeds.ServeFeed("/ea-kar.rss", NewsFeedFixture.Rss(7, 3), "application/rss+xml");
        var feedUrl = site.Feeds.Url("/ea-kar.rss").AbsoluteUri;
        await using var tab = await site.OpenAsync(PageChecksTests.Desktop);
        var page = tab.Page;

        // The door: a console page asked for without a session leads to the login form, and back after it.
        await page.GotoAsync(site.Url("admin/sources"));
        await Expect(page).ToHaveURLAsync(site.Url("admin?next=%2Fadmin%2Fsources"));
        await page.GetByLabel("Khóa quản trị").FillAsync(site.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(site.Url("admin/sources"));
        await Expect(page.GetByText("Đăng nhập: Quản trị viên")).ToBeVisibleAsync();

        // A loopback source, added by its URL: the answer is the source's own page.
        await page.GetByLabel("Địa chỉ kênh tin").FillAsync(feedUrl);
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm nguồn" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã thêm nguồn tin");
        var source = (await site.Service.Services.GetRequiredService<SourceStore>().ListAsync(true, CancellationToken.None))
            .Single(s => s.Url == feedUrl);
        await Expect(page).ToHaveURLAsync(new Regex($"/admin/sources/{source.Id}\\?done=added$"));
        await Expect(page.GetByText("Chưa có bài nào từ nguồn này.")).ToBeVisibleAsync();

        // Poll now: the page comes back with the poll recorded and the source's entries listed, newest first.
        await page.GetByRole(AriaRole.Button, new() { Name = "Lấy ngay" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã lấy tin của nguồn này.");
        await Expect(page.Locator("ul.entries li")).ToHaveCountAsync(3);
        await Expect(page.Locator("ul.entries li").First).ToContainTextAsync("Tin 0 của nguồn 7");
        await Screenshots.SaveAsync(page, "admin/sources/polled", PageChecksTests.Desktop);
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Các lần lấy gần đây, mới nhất trước" })).ToContainTextAsync("thành công");
        Assert.Equal(1, site.Feeds.RequestCount("/ea-kar.rss"));

        // A partner key: shown once, on the answer to the form, and it opens the partner feeds until it is revoked.
        await page.GetByRole(AriaRole.Link, new() { Name = "Đối tác" }).ClickAsync();
        await page.GetByLabel("Tên đối tác").FillAsync("Báo Buôn Ma Thuột");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tạo khóa" }).ClickAsync();
        var key = await page.GetByLabel("Khóa vừa tạo").InputValueAsync();
        await Screenshots.SaveAsync(page, "admin/partners/created", PageChecksTests.Desktop);
        Assert.Equal(HttpStatusCode.OK, await PartnerFeedStatusAsync(key));
        await page.GotoAsync(site.Url("admin/partners"));
        await Expect(page.GetByLabel("Khóa vừa tạo")).ToHaveCountAsync(0);
        Assert.DoesNotContain(key, await page.ContentAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Thu hồi khóa của Báo Buôn Ma Thuột" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã thu hồi khóa");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Báo Buôn Ma Thuột" })).ToContainTextAsync("đã thu hồi");
        Assert.Equal(HttpStatusCode.Unauthorized, await PartnerFeedStatusAsync(key));

        // Signing out ends the session: the console asks for the key again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Đã đăng xuất.");
        await page.GotoAsync(site.Url("admin/partners"));
        await Expect(page).ToHaveURLAsync(site.Url("admin?next=%2Fadmin%2Fpartners"));
        await Expect(page.GetByLabel("Khóa quản trị")).ToBeVisibleAsync();
    }

    [BrowserFact]
    public async Task A_form_posted_without_its_anti_forgery_token_is_refused_and_changes_nothing()
    {
        var refusedUrl = site.Feeds.Url("/khong-co-ma.rss").AbsoluteUri;
        await using var tab = await site.OpenAsync(PageChecksTests.Desktop, signedIn: true);
        var page = tab.Page;
        await page.GotoAsync(site.Url("admin/sources"));
        var form = page.Locator("form[action$='/admin/sources']");
        // What a forged form on another page would lack: the token the console put in its own form.
        await form.Locator("input[name=__token]").EvaluateAsync("input => input.remove()");
        await page.GetByLabel("Địa chỉ kênh tin").FillAsync(refusedUrl);

        var answer = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Thêm nguồn" }).ClickAsync(),
            response => response.Request.Method == "POST");

        Assert.Equal((int)HttpStatusCode.BadRequest, answer.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Biểu mẫu không hợp lệ");
        Assert.DoesNotContain(await site.Service.Services.GetRequiredService<SourceStore>().ListAsync(true, CancellationToken.None),
            s => s.Url == refusedUrl);
        Assert.DoesNotContain(tab.Errors, error => !error.Contains("400", StringComparison.Ordinal));
    }

    private async Task<HttpStatusCode> PartnerFeedStatusAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, site.Url("partners/feeds/rss.xml"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await site.Service.Client.SendAsync(request);
        return response.StatusCode;
    }
}
