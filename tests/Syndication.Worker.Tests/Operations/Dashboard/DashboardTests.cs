using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Syndication.Storage.Ingestion;
using Syndication.Worker.Operations.Dashboard;
using Syndication.Worker.Tests.Ingestion;
using Syndication.Worker.Tests.Ingestion.Polling;

namespace Syndication.Worker.Tests.Operations.Dashboard;

public sealed class DashboardTests : IAsyncLifetime
{
    private readonly string _root = ServiceUnderTest.NewRoot();
    private LoopbackFeedServer _feeds = null!;
    private ServiceUnderTest _service = null!;

    public async Task InitializeAsync()
    {
        _feeds = await LoopbackFeedServer.StartAsync();
        _feeds.ServeFeed("/good.rss", NewsFeedFixture.Rss(1, 4), "application/rss+xml");
        _feeds.Status("/broken.rss", 500);
        _service = await ServiceUnderTest.StartWithSourcesAsync(_root, [_feeds.Url("/good.rss"), _feeds.Url("/broken.rss")],
            "--Syndication:Ingestion:Enabled", "false");
        _service.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _service.AddPartnerAsync("CMS", ["admin"]));
        await _service.PollAllSourcesAsync();
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _feeds.DisposeAsync();
        ServiceUnderTest.DeleteRoot(_root);
    }

    [Fact]
    public async Task Api_lists_every_source_with_its_health()
    {
        using var json = JsonDocument.Parse(await _service.Client.GetStringAsync("api/sources"));

        var sources = json.RootElement.EnumerateArray().ToDictionary(s => new Uri(s.GetProperty("url").GetString()!).AbsolutePath);
        Assert.Equal(("ok", 4, 0), (sources["/good.rss"].GetProperty("state").GetString(), sources["/good.rss"].GetProperty("entryCount").GetInt32(), sources["/good.rss"].GetProperty("consecutiveFailures").GetInt32()));
        var broken = sources["/broken.rss"];
        Assert.Equal(("failing", 1, 500), (broken.GetProperty("state").GetString(), broken.GetProperty("consecutiveFailures").GetInt32(), broken.GetProperty("lastStatus").GetInt32()));
        Assert.Contains("500", broken.GetProperty("lastError").GetString());
        Assert.Equal(JsonValueKind.String, broken.GetProperty("nextPoll").ValueKind);
    }

    [Fact]
    public async Task Page_shows_the_failing_source_and_its_error_first()
    {
        var html = await _service.Client.GetStringAsync("admin/sources");

        var failing = html.IndexOf("<tr class=\"failing\">", StringComparison.Ordinal);
        var ok = html.IndexOf("<tr class=\"ok\">", StringComparison.Ordinal);
        Assert.True(failing >= 0 && ok > failing, "the failing source is listed first");
        Assert.Contains("HTTP 500", html);
        Assert.Contains("Lấy ngay", html);
    }

    [Fact]
    public async Task Poll_now_polls_the_source_and_returns_to_the_page()
    {
        var sources = await _service.Services.GetRequiredService<SourceStore>().ListAsync(false, CancellationToken.None);
        var good = sources.Single(s => s.Url.EndsWith("/good.rss", StringComparison.Ordinal));
        var before = _feeds.RequestCount("/good.rss");

        using var response = await _service.Client.PostAsync($"admin/sources/{good.Id}/poll", null);

        // Back to the page, which says what was done (fetched again here: a client drops credentials on redirects).
        Assert.Equal($"/admin/sources?polled={good.Id}", response.RequestMessage!.RequestUri!.PathAndQuery);
        Assert.Contains($"Đã lấy lại nguồn {good.Id}.", await _service.Client.GetStringAsync($"admin/sources?polled={good.Id}"));
        Assert.Equal(before + 1, _feeds.RequestCount("/good.rss"));
        Assert.Equal(HttpStatusCode.NotFound, (await _service.Client.PostAsync("admin/sources/999/poll", null)).StatusCode);
    }

    [Fact]
    public async Task A_post_from_another_site_is_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "admin/sources/1/poll");
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await _service.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("api/sources")]
    [InlineData("admin/sources")]
    [InlineData("admin/partners")]
    public async Task Admin_pages_need_a_key_with_the_admin_scope(string path)
    {
        var feedsOnly = await _service.AddPartnerAsync("Chỉ đọc tin " + path, ["feeds"]);
        using var anonymous = new HttpRequestMessage(HttpMethod.Get, path);
        using var partner = new HttpRequestMessage(HttpMethod.Get, path);
        partner.Headers.Authorization = new AuthenticationHeaderValue("Bearer", feedsOnly);
        // Not the service's own client, which carries the admin key.
        using var client = new HttpClient { BaseAddress = _service.Client.BaseAddress };

        using var withoutKey = await client.SendAsync(anonymous);
        using var withPartnerKey = await client.SendAsync(partner);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden), (withoutKey.StatusCode, withPartnerKey.StatusCode));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("http://127.0.0.1:5001", false)]
    [InlineData("https://evil.example", false)]
    public void Posts_must_come_from_our_own_origin(string? origin, bool allowed)
    {
        Assert.Equal(allowed, AdminAccess.IsSameOrigin(origin, "http", "127.0.0.1:5000"));
    }
}
