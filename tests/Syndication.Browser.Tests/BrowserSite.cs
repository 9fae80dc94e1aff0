using System.Collections.Concurrent;
using System.Net;
using Microsoft.Playwright;
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
        Feeds = await LoopbackFeedServer.StartAsync();
        Feeds.ServeFeed(PolledFeedPath, NewsFeedFixture.Rss(1, 5), "application/rss+xml");
        Service = await ServiceUnderTest.StartWithSourcesAsync(_root, [Feeds.Url(PolledFeedPath)], "--Syndication:Ingestion:Enabled", "false");
        AdminKey = await Service.AddPartnerAsync("Quản trị viên", ["admin"]);
        await Service.PollAllSourcesAsync();
        _links = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseUrl };
        (_playwright, Browser) = await Chromium.LaunchAsync();
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
