using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Syndication.Storage.Ingestion;
using Syndication.Worker.Operations.Admin;
using Syndication.Worker.Tests.Ingestion;
using Syndication.Worker.Tests.Ingestion.Polling;

namespace Syndication.Worker.Tests.Operations.Admin;

public sealed class AdminConsoleTests : IAsyncLifetime
{
    // The service's public address: a feed under it is one of its own, which it never ingests.
    private const string OwnBase = "https://bao.example.vn/";
    private readonly string _root = ServiceUnderTest.NewRoot();
    private LoopbackFeedServer _feeds = null!;
    private ServiceUnderTest _service = null!;
    private string _adminKey = null!;

    public async Task InitializeAsync()
    {
        _feeds = await LoopbackFeedServer.StartAsync();
        _feeds.ServeFeed("/good.rss", NewsFeedFixture.Rss(1, 4), "application/rss+xml");
        _feeds.ServeFeed("/new.rss", NewsFeedFixture.Rss(2, 3), "application/rss+xml");
        _feeds.Status("/broken.rss", 500);
        _service = await ServiceUnderTest.StartWithSourcesAsync(_root, [_feeds.Url("/good.rss"), _feeds.Url("/broken.rss")],
            "--Syndication:Ingestion:Enabled", "false", "--Syndication:PublicBaseUrl", OwnBase);
        _adminKey = await _service.AddPartnerAsync("Quản trị viên", ["admin"]);
        await _service.PollAllSourcesAsync();
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _feeds.DisposeAsync();
        ServiceUnderTest.DeleteRoot(_root);
    }

    private async Task<AdminConsoleClient> SignedInAsync()
    {
        var console = new AdminConsoleClient(_service.Client.BaseAddress!);
        using var login = await console.LoginAsync(_adminKey);
        Assert.Equal("/admin/sources", login.RequestMessage!.RequestUri!.AbsolutePath);
        return console;
    }

    private async Task<long> SourceIdAsync(string path) =>
        (await _service.Services.GetRequiredService<SourceStore>().ListAsync(true, CancellationToken.None))
        .Single(source => source.Url.EndsWith(path, StringComparison.Ordinal)).Id;

    [Fact]
    public async Task The_admin_key_once_gives_a_strict_http_only_expiring_session_cookie()
    {
        using var console = new AdminConsoleClient(_service.Client.BaseAddress!, followRedirects: false);

        using var login = await console.LoginAsync(_adminKey);

        Assert.Equal((HttpStatusCode.Redirect, "/admin/sources"), (login.StatusCode, login.Headers.Location!.OriginalString));
        var cookie = login.Headers.GetValues("Set-Cookie").Single(header => header.StartsWith(AdminSession.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        // Served over plain HTTP here: a Secure cookie would never come back. Over HTTPS it is Secure (SameAsRequest).
        Assert.DoesNotContain("secure", cookie.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
        using var page = await console.Http.GetAsync("admin/sources");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("no-store", page.Headers.CacheControl!.ToString());
    }

    [Theory]
    [InlineData("feeds")]
    [InlineData("wrong")]
    public async Task A_key_without_the_admin_scope_or_a_wrong_one_is_refused_at_the_door(string which)
    {
        var key = which == "feeds" ? await _service.AddPartnerAsync("Chỉ đọc", ["feeds"]) : _adminKey[..^1] + (_adminKey[^1] == '0' ? "1" : "0");
        using var console = new AdminConsoleClient(_service.Client.BaseAddress!);

        using var login = await console.LoginAsync(key);

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Contains("Khóa không đúng, đã bị thu hồi, hoặc không có quyền quản trị", await login.Content.ReadAsStringAsync());
        using var page = await console.Http.GetAsync("admin/sources");
        Assert.Equal("/admin", page.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Console_pages_take_the_session_and_the_json_api_takes_the_key()
    {
        using var console = await SignedInAsync();
        using var bearerOnly = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _service.Client.BaseAddress };
        bearerOnly.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _adminKey);

        using var pageWithKey = await bearerOnly.GetAsync("admin/partners");
        using var apiWithKey = await bearerOnly.GetAsync("api/sources");
        using var apiWithSession = await console.Http.GetAsync("api/sources");

        Assert.Equal(HttpStatusCode.Redirect, pageWithKey.StatusCode);
        Assert.Equal("/admin?next=%2Fadmin%2Fpartners", pageWithKey.Headers.Location!.PathAndQuery);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (apiWithKey.StatusCode, apiWithSession.StatusCode));
        using var json = JsonDocument.Parse(await apiWithKey.Content.ReadAsStringAsync());
        var states = json.RootElement.EnumerateArray().ToDictionary(s => new Uri(s.GetProperty("url").GetString()!).AbsolutePath, s => s.GetProperty("state").GetString());
        Assert.Equal(("ok", "failing"), (states["/good.rss"], states["/broken.rss"]));
    }

    [Fact]
    public async Task A_form_post_without_its_token_is_refused_and_changes_nothing()
    {
        using var console = await SignedInAsync();
        var good = await SourceIdAsync("/good.rss");

        using var withoutToken = await console.Http.PostAsync($"admin/sources/{good}/remove", new FormUrlEncodedContent([]));
        using var wrongToken = await console.Http.PostAsync($"admin/sources/{good}/remove", new FormUrlEncodedContent([new("__token", "CfDJ8-forged")]));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (withoutToken.StatusCode, wrongToken.StatusCode));
        Assert.Contains("thiếu mã chống giả mạo", await withoutToken.Content.ReadAsStringAsync());
        Assert.True((await _service.Services.GetRequiredService<SourceStore>().GetAsync(good, CancellationToken.None))!.IsActive);
    }

    [Fact]
    public async Task Sources_page_shows_the_failing_source_first_in_vietnamese_with_times_in_the_archive_zone()
    {
        using var console = await SignedInAsync();

        var html = await console.Http.GetStringAsync("admin/sources");

        var failing = html.IndexOf("<tr class=\"failing\">", StringComparison.Ordinal);
        var ok = html.IndexOf("<tr class=\"ok\">", StringComparison.Ordinal);
        Assert.True(failing >= 0 && ok > failing, "the failing source is listed first");
        Assert.Contains("đang lỗi", html);
        Assert.Contains("Máy chủ trả lời HTTP 500", html);
        Assert.DoesNotContain("Internal Server Error", html);
        Assert.Contains("(GMT&#x2B;7)</time>", html);
    }

    [Fact]
    public async Task Add_poll_now_see_entries_and_remove_a_source()
    {
        using var console = await SignedInAsync();

        using var added = await console.PostFormAsync("admin/sources", "admin/sources", new() { ["url"] = _feeds.Url("/new.rss").AbsoluteUri, ["title"] = "Báo mới" });
        var id = await SourceIdAsync("/new.rss");
        Assert.Equal($"/admin/sources/{id}", added.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Chưa lấy lần nào.", await added.Content.ReadAsStringAsync());

        using var polled = await console.PostFormAsync($"admin/sources/{id}", $"admin/sources/{id}/poll", []);
        var page = await polled.Content.ReadAsStringAsync();
        Assert.Equal(1, _feeds.RequestCount("/new.rss"));
        Assert.Contains("Đã lấy tin của nguồn này.", page);
        Assert.Contains("thành công", page);
        Assert.Contains(">Tin 0 của nguồn 2: tín dụng chính sách ở Đắk Lắk</a>", page);

        using var removed = await console.PostFormAsync($"admin/sources/{id}", $"admin/sources/{id}/remove", []);
        Assert.Contains($"Đã gỡ nguồn tin số {id}", await removed.Content.ReadAsStringAsync());
        Assert.False((await _service.Services.GetRequiredService<SourceStore>().GetAsync(id, CancellationToken.None))!.IsActive);
    }

    [Theory]
    [InlineData("ftp://nguon.example/rss", "không phải một địa chỉ http(s) đầy đủ")]
    [InlineData(OwnBase + "feeds/rss.xml", "kênh tin của chính dịch vụ này")]
    public async Task A_source_that_cannot_be_added_is_refused_with_the_reason(string url, string reason)
    {
        using var console = await SignedInAsync();

        using var refused = await console.PostFormAsync("admin/sources", "admin/sources",
            new() { ["url"] = url });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(reason, await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_opml_upload_adds_its_feeds_but_not_the_services_own()
    {
        using var console = await SignedInAsync();
        var opml = NewsFeedFixture.Opml([_feeds.Url("/new.rss"), new Uri(OwnBase + "feeds/atom.xml")]);

        using var imported = await console.PostFileAsync("admin/sources", "admin/sources/import", "opml", "nguon.opml", opml);

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Contains("Đã nhập 1 nguồn từ nguon.opml. Bỏ qua 1 kênh của chính dịch vụ này.", await imported.Content.ReadAsStringAsync());
        Assert.True(await SourceIdAsync("/new.rss") > 0);
        using var broken = await console.PostFileAsync("admin/sources", "admin/sources/import", "opml", "hong.opml", "<opml><body>");
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("Không đọc được tệp OPML", await broken.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_new_partner_key_is_shown_once_works_and_stops_working_when_revoked()
    {
        using var console = await SignedInAsync();

        using var created = await console.PostFormAsync("admin/partners", "admin/partners",
            new() { ["name"] = "Báo <bạn>", ["scope"] = "feeds", ["rate"] = "60" });
        var html = await created.Content.ReadAsStringAsync();
        var key = System.Text.RegularExpressions.Regex.Match(html, "id=\"khoa-vua-tao\"[^>]*value=\"(syn_[0-9a-f_]+)\"").Groups[1].Value;
        Assert.StartsWith("syn_", key);
        Assert.Contains("Báo &lt;bạn&gt;", html);
        Assert.DoesNotContain(key, await console.Http.GetStringAsync("admin/partners"));

        using var feed = new HttpRequestMessage(HttpMethod.Get, "partners/feeds/rss.xml") { Headers = { Authorization = new("Bearer", key) } };
        Assert.Equal(HttpStatusCode.OK, (await _service.Client.SendAsync(feed)).StatusCode);

        var partnerId = System.Text.RegularExpressions.Regex.Match(html, "admin/partners/(\\d+)/revoke\" ?><input[^>]*><button[^>]*Báo &lt;bạn&gt;").Groups[1].Value;
        using var revoked = await console.PostFormAsync("admin/partners", $"admin/partners/{partnerId}/revoke", []);
        Assert.Contains($"Đã thu hồi khóa của đối tác số {partnerId}", await revoked.Content.ReadAsStringAsync());
        using var again = new HttpRequestMessage(HttpMethod.Get, "partners/feeds/rss.xml") { Headers = { Authorization = new("Bearer", key) } };
        Assert.Equal(HttpStatusCode.Unauthorized, (await _service.Client.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task A_partners_profile_is_shown_and_changed_through_its_form_and_its_feeds_follow()
    {
        using var console = await SignedInAsync();
        var key = await _service.AddPartnerAsync("Ứng dụng <Tin Nhanh>", ["feeds"]);
        var partner = (await _service.Services.GetRequiredService<Storage.Partners.PartnerStore>().ListAsync(CancellationToken.None)).Single(p => p.Name == "Ứng dụng <Tin Nhanh>");
        var page = $"admin/partners/{partner.Id}/profile";
        Assert.Contains("toàn văn · có ảnh, Media RSS · mọi chuyên mục · không ghi nguồn", await console.Http.GetStringAsync("admin/partners"));

        using var saved = await console.PostFormAsync(page, page, new()
        {
            ["content"] = "lead", ["sections"] = "van-hoa", ["attribution"] = "Theo <Báo Đắk Lắk>",
        });

        var html = await saved.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains($"Đã lưu hồ sơ của đối tác số {partner.Id}", html);
        Assert.Contains("chỉ sapo · không ảnh · chuyên mục van-hoa · ghi nguồn “Theo &lt;Báo Đắk Lắk&gt;”", html);
        using var feed = new HttpRequestMessage(HttpMethod.Get, "partners/feeds/rss.xml") { Headers = { Authorization = new("Bearer", key) } };
        var rss = await (await _service.Client.SendAsync(feed)).Content.ReadAsStringAsync();
        Assert.Contains("&lt;p class=\"attribution\"&gt;Theo &amp;lt;Báo Đắk Lắk&amp;gt;&lt;/p&gt;", rss);
        Assert.DoesNotContain("content:encoded", rss);

        using var refused = await console.PostFormAsync(page, page, new() { ["content"] = "lead", ["sections"] = "Văn Hóa" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusal = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Không lưu được hồ sơ: chuyên mục:", refusal);
        Assert.Contains("value=\"Văn Hóa\"", refusal);
        using var withoutToken = await console.Http.PostAsync(page, new FormUrlEncodedContent([new("content", "full")]));
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Contains("chỉ sapo", await console.Http.GetStringAsync(page));
    }

    [Fact]
    public async Task A_partner_that_cannot_be_created_is_refused_with_the_reason()
    {
        using var console = await SignedInAsync();

        using var refused = await console.PostFormAsync("admin/partners", "admin/partners", new() { ["name"] = "Đối tác", ["facets"] = "section:KinhTe" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Không tạo được khóa: scope &#x27;section:KinhTe&#x27;", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Usage_says_no_data_yet_before_any_partner_pulled_anything()
    {
        using var console = await SignedInAsync();

        var html = await console.Http.GetStringAsync("admin/usage");

        Assert.Contains("Chưa có dữ liệu", html);
    }

    [Fact]
    public async Task Logging_out_or_revoking_the_key_ends_the_session()
    {
        using var console = await SignedInAsync();
        using var loggedOut = await console.PostFormAsync("admin/sources", "admin/logout", []);
        Assert.Contains("Đã đăng xuất.", await loggedOut.Content.ReadAsStringAsync());
        Assert.Equal("/admin", (await console.Http.GetAsync("admin/sources")).RequestMessage!.RequestUri!.AbsolutePath);

        using var other = await SignedInAsync();
        await _service.Services.GetRequiredService<Storage.Partners.PartnerStore>().RevokeAsync("Quản trị viên", CancellationToken.None);
        Assert.Equal("/admin", (await other.Http.GetAsync("admin/sources")).RequestMessage!.RequestUri!.AbsolutePath);
    }
}
