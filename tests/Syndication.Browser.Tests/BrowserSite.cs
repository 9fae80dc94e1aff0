using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Syndication.Core.Alerts;
using Syndication.Worker.Alerts;
using Syndication.Worker.Tests;
using Syndication.Worker.Tests.Ingestion;
using Syndication.Worker.Tests.Ingestion.Polling;

namespace Syndication.Browser.Tests;

/// <summary>
/// What every browser test of the run shares: the real service on a free loopback port over a real SQLite file seeded
/// with the repository's sample archive, a loopback server of fixture feeds (one of them already a polled source), an
/// admin key, and one headless Chromium.
/// </summary>
public sealed class BrowserSite : IAsyncLifetime, IDisposable
{
    /// <summary>The feed the service already has as a source, polled once at start.</summary>
    public const string PolledFeedPath = "/dak-lak.rss";

    /// <summary>An article with photos, published through the article API at start.</summary>
    public const string PhotoArticle = "mua-thu-hoach-ca-phe-o-cu-mgar";

    private readonly string _root = ServiceUnderTest.NewRoot("sample-seeds");
    private readonly ConcurrentDictionary<(bool SignedIn, string Url), Lazy<Task<HttpStatusCode>>> _linkStatus = new();
    private IPlaywright? _playwright;
    private HttpClient _links = null!;
    private string _adminState = null!;
    private string _adminCookies = null!;

    public LoopbackFeedServer Feeds { get; private set; } = null!;

    public ServiceUnderTest Service { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string AdminKey { get; private set; } = null!;

    /// <summary>The service's address, "http://127.0.0.1:PORT/".</summary>
    public Uri BaseUrl => Service.Client.BaseAddress!;

    public async Task InitializeAsync()
    {
        if (Chromium.SkipReason is not null)
        {
            // Every browser test is reported skipped with the install line; there is nothing to start.
            return;
        }
        // First, so that a missing browser (a failure under CI) is reported before anything else is started.
        (_playwright, Browser) = await Chromium.LaunchAsync();
        Feeds = await LoopbackFeedServer.StartAsync();
        Feeds.ServeFeed(PolledFeedPath, NewsFeedFixture.Rss(1, 5), "application/rss+xml");
        Service = await ServiceUnderTest.StartWithSourcesAsync(_root, [Feeds.Url(PolledFeedPath)], "--Syndication:Ingestion:Enabled", "false");
        AdminKey = await Service.AddPartnerAsync("Quản trị viên", ["admin"]);
        await PublishPhotoArticleAsync();
        await AddWebhooksAsync();
        await Service.PollAllSourcesAsync();
        // The poll's new stories are deliveries now, sent (or failed and waiting for their retry) before any page is looked at.
        await Service.Services.GetRequiredService<AlertDispatcher>().RunOnceAsync(CancellationToken.None);
        _links = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseUrl };
        await SignInOnceAsync();
    }

    /// <summary>The absolute URL of a path of the service ("feeds" or "/feeds").</summary>
    public string Url(string path) => new Uri(BaseUrl, path.TrimStart('/')).AbsoluteUri;

    /// <summary>A new browser context (its own cookies) with one page <paramref name="width"/> CSS pixels wide; signed in to the console when asked.</summary>
    public Task<BrowserTab> OpenAsync(int width, bool signedIn = false) =>
        BrowserTab.OpenAsync(Browser, width, signedIn ? _adminState : null);

    /// <summary>
    /// The status a same-origin link answers with a plain GET (redirects not followed), with the console session's cookie
    /// when <paramref name="signedIn"/>; each URL is fetched once per run.
    /// </summary>
    public Task<HttpStatusCode> LinkStatusAsync(string url, bool signedIn) =>
        _linkStatus.GetOrAdd((signedIn, url), key => new Lazy<Task<HttpStatusCode>>(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, key.Url);
            if (key.SignedIn)
            {
                request.Headers.Add("Cookie", _adminCookies);
            }
            using var response = await _links.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            return response.StatusCode;
        })).Value;

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (Service is not null)
        {
            await Service.DisposeAsync();
        }
        if (Feeds is not null)
        {
            await Feeds.DisposeAsync();
        }
        ServiceUnderTest.DeleteRoot(_root);
    }

    public void Dispose() => _links?.Dispose();

    /// <summary>
    /// Publishes <see cref="PhotoArticle"/> through the CMS API: two photos (served by the loopback server, one wider than
    /// any screen) with captions and sizes, as the newsroom's CMS sends them.
    /// </summary>
    private async Task PublishPhotoArticleAsync()
    {
        const string Photo = """
            <svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900" viewBox="0 0 1600 900">
            <rect width="1600" height="900" fill="#4e6b2f"/><rect y="560" width="1600" height="340" fill="#7a4a26"/>
            <circle cx="1250" cy="220" r="130" fill="#f2b705"/></svg>
            """;
        Feeds.ServeFeed("/anh/vuon-ca-phe.svg", Photo, "image/svg+xml");
        Feeds.ServeFeed("/anh/san-phoi.svg", Photo.Replace("#4e6b2f", "#8a6d3b", StringComparison.Ordinal), "image/svg+xml");
        var article = $$"""
            {"title": "Mùa thu hoạch cà phê ở Cư M'gar", "published": "2024-09-27T09:00:00+07:00",
             "lead": "Nông dân tranh thủ nắng ráo để hái và phơi cà phê.",
             "body": "<p>Những ngày này, các vườn cà phê ở Cư M'gar tấp nập người hái.</p><p>Sân phơi kín hạt cà phê đỏ.</p>",
             "authors": ["Thu Hà"], "section": "Kinh tế", "tags": ["Cà phê", "Đắk Lắk"],
             "images": [
               {"url": "{{Feeds.Url("/anh/vuon-ca-phe.svg")}}", "caption": "Hái cà phê ở Cư M'gar", "type": "image/svg+xml", "width": 1600, "height": 900},
               {"url": "{{Feeds.Url("/anh/san-phoi.svg")}}", "caption": "Sân phơi ở xã Ea Tul"}]}
            """;
        using var request = new HttpRequestMessage(HttpMethod.Put, $"api/articles/{PhotoArticle}")
        {
            Content = new StringContent(article, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
        using var response = await Service.Client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"PUT api/articles/{PhotoArticle}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// Two webhooks on the loopback server, so the alerts page has something to show: one with a long address that
    /// accepts, one that answers 500 (its deliveries wait for a retry), both wanting the poll's new stories.
    /// </summary>
    private async Task AddWebhooksAsync()
    {
        const string Accepting = "/webhooks/ban-bien-tap-kinh-te/nhan-canh-bao-tu-dong-tin-dung-chinh-sach-xa-hoi-dak-lak";
        const string Failing = "/webhooks/hong";
        Feeds.Status(Accepting, 204);
        Feeds.Status(Failing, 500);
        var registry = Service.Services.GetRequiredService<WebhookRegistry>();
        foreach (var (path, events) in new[]
        {
            (Accepting, new[] { AlertEvents.StoryMatched, AlertEvents.SourceFailing, AlertEvents.SourceSilent }),
            (Failing, new[] { AlertEvents.StoryMatched, AlertEvents.ArticleCovered }),
        })
        {
            var (_, error) = await registry.AddAsync(Feeds.Url(path).AbsoluteUri, events, "tín dụng chính sách", 3, null, CancellationToken.None);
            Assert.Null(error);
        }
    }

    /// <summary>Signs in once through the login form; contexts opened signed in start from that session's cookies.</summary>
    private async Task SignInOnceAsync()
    {
        await using var tab = await BrowserTab.OpenAsync(Browser, 1280, storageState: null);
        await tab.Page.GotoAsync(Url("admin"));
        await tab.Page.GetByLabel("Khóa quản trị").FillAsync(AdminKey);
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await tab.Page.WaitForURLAsync(Url("admin/sources"));
        _adminState = await tab.Context.StorageStateAsync();
        _adminCookies = string.Join("; ", (await tab.Context.CookiesAsync()).Select(cookie => $"{cookie.Name}={cookie.Value}"));
    }
}
