using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Syndication.Worker.Publishing.WebSub;

namespace Syndication.Worker.Tests.Publishing;

/// <summary>
/// An article dated ahead on the real service, whose clock the test moves: stored, in no public surface and pinged to no
/// hub until its time, in advance for partners with the embargo scope, and everywhere once the clock reaches its time.
/// </summary>
public sealed class EmbargoTests : IAsyncLifetime
{
    private const string Slug = "cong-bo-giai-bao-chi-tinh";
    private const string Title = "Công bố giải báo chí tỉnh lần thứ mười";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Terms = "http://purl.org/dc/terms/";
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    private readonly string _root = ServiceUnderTest.NewRoot();
    // Whole seconds, so the release time written in the article is exactly a time the clock passes through.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private RecordingHub _hub = null!;
    private ServiceUnderTest _service = null!;
    private string _adminKey = null!;
    private string _embargoKey = null!;
    private string _partnerKey = null!;
    private DateTimeOffset _release;

    public async Task InitializeAsync()
    {
        _hub = await RecordingHub.StartAsync();
        _service = await ServiceUnderTest.StartAsync(_root, builder => builder.Services.AddSingleton<TimeProvider>(_clock),
        [
            "--Syndication:PublicBaseUrl", PublishedFeeds.BaseUrl,
            "--Syndication:WebSubHub", _hub.Url,
            "--Syndication:WebSubCheckSeconds", "3600",
        ]);
        _adminKey = await _service.AddPartnerAsync("CMS tòa soạn", ["admin"]);
        _embargoKey = await _service.AddPartnerAsync("Thông tấn xã", ["feeds", "embargo"]);
        _partnerKey = await _service.AddPartnerAsync("Báo bạn", ["feeds"]);
        // The hub's first look is a baseline; from here on a changed public feed is pinged.
        await _service.Services.GetRequiredService<WebSubNotifier>().CheckAsync(CancellationToken.None);
        _release = _clock.GetUtcNow().AddSeconds(20);
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _hub.DisposeAsync();
        ServiceUnderTest.DeleteRoot(_root);
    }

    private string Article() => $$"""
        {"title": "{{Title}}", "published": "{{_release.ToOffset(Vietnam).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)}}",
         "lead": "Hai mươi tác phẩm đoạt giải.", "body": "<p>Lễ trao giải diễn ra tối nay.</p>", "authors": ["Lê Hẹn Giờ"],
         "section": "Văn hóa", "tags": ["Giải báo chí"]}
        """.ReplaceLineEndings(" ");

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        return await _service.Client.SendAsync(request);
    }

    private async Task<string> StateAsync()
    {
        using var response = await SendAsync(HttpMethod.Get, $"api/articles/{Slug}", _adminKey);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("state").GetString()!;
    }

    /// <summary>Every public place an article shows up in, with what each answers now.</summary>
    private async Task<IReadOnlyList<(string Path, HttpStatusCode Status, string Body)>> PublicSurfacesAsync()
    {
        var month = _clock.GetUtcNow().ToOffset(Vietnam).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        string[] paths =
        [
            "feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json", "feeds/sections/van-hoa/atom.xml", "feeds/authors/le-hen-gio/rss.xml",
            "feeds/tags/giai-bao-chi/feed.json", $"feeds/archive/{month}.atom", "feeds/atom.xml?page=1", "feeds.opml", "", "sections/van-hoa",
            $"articles/{Slug}", $"feeds/articles/{Slug}/related.atom", "search?q=giai%20bao%20chi", "feeds/search.atom?q=giai%20bao%20chi",
            $"archive/{month}", "tags/giai-bao-chi", "authors/le-hen-gio",
        ];
        var answers = new List<(string, HttpStatusCode, string)>();
        foreach (var path in paths)
        {
            using var response = await _service.Client.GetAsync(path);
            answers.Add((path, response.StatusCode, await response.Content.ReadAsStringAsync()));
        }
        using var partner = await SendAsync(HttpMethod.Get, "partners/feeds/atom.xml", _partnerKey);
        answers.Add(("partners/feeds/atom.xml (no embargo scope)", partner.StatusCode, await partner.Content.ReadAsStringAsync()));
        return answers;
    }

    private static bool Shows((string Path, HttpStatusCode Status, string Body) answer) =>
        answer.Status == HttpStatusCode.OK && (answer.Body.Contains(Title, StringComparison.Ordinal) || answer.Body.Contains(Slug, StringComparison.Ordinal)
            || answer.Body.Contains("le-hen-gio", StringComparison.Ordinal));

    [Fact]
    public async Task An_article_dated_ahead_is_public_nowhere_until_its_time_then_everywhere_and_the_hub_hears_of_it()
    {
        using var put = await SendAsync(HttpMethod.Put, $"api/articles/{Slug}", _adminKey, Article());
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        // Whatever the put set off (a check of the feeds) has run: nothing public changed, so nothing is pinged.
        await _service.Services.GetRequiredService<WebSubNotifier>().CheckAsync(CancellationToken.None);

        Assert.Equal("embargoed", await StateAsync());
        Assert.All(await PublicSurfacesAsync(), answer => Assert.False(Shows(answer), $"{answer.Path} shows the article before its time"));
        Assert.Empty(_hub.Pings);

        _clock.Advance(_release - _clock.GetUtcNow());

        // The clock stands still at the release time from here on: the release must come from the scheduler at that time.
        await Until(async () => (await PublicSurfacesAsync()).All(Shows), "every public surface shows the article at its time");
        await Until(() => Task.FromResult(_hub.Accepted.Contains(PublishedFeeds.BaseUrl + "feeds/atom.xml")), "the hub is pinged for the site feed");
        Assert.Equal("published", await StateAsync());
        var entry = (await AtomAsync("feeds/atom.xml")).Root!.Elements(Atom + "entry").Single(e => (string?)e.Element(Atom + "title") == Title);
        Assert.Equal(_release.ToOffset(Vietnam), DateTimeOffset.Parse((string)entry.Element(Atom + "published")!, CultureInfo.InvariantCulture));
        Assert.Equal(_release.ToOffset(Vietnam), DateTimeOffset.Parse((string)entry.Element(Atom + "updated")!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_partner_with_the_embargo_scope_sees_it_in_advance_marked_with_its_release_time()
    {
        using var put = await SendAsync(HttpMethod.Put, $"api/articles/{Slug}", _adminKey, Article());

        using var atom = await SendAsync(HttpMethod.Get, "partners/feeds/atom.xml", _embargoKey);
        var entry = XDocument.Parse(await atom.Content.ReadAsStringAsync()).Root!.Elements(Atom + "entry").Single(e => (string?)e.Element(Atom + "title") == Title);
        Assert.Equal(_release.ToOffset(Vietnam), DateTimeOffset.Parse((string)entry.Element(Terms + "available")!, CultureInfo.InvariantCulture));
        Assert.Null(entry.Element(Atom + "published"));
        using var json = await SendAsync(HttpMethod.Get, "partners/feeds/feed.json", _embargoKey);
        using var feed = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        var item = feed.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("title").GetString() == Title);
        Assert.False(item.TryGetProperty("date_published", out _));
        Assert.Equal(_release.ToOffset(Vietnam), DateTimeOffset.Parse(item.GetProperty("_syndication").GetProperty("embargoed_until").GetString()!, CultureInfo.InvariantCulture));
        using var tag = await SendAsync(HttpMethod.Get, "partners/feeds/tags/giai-bao-chi/rss.xml", _embargoKey);
        Assert.Equal(HttpStatusCode.OK, tag.StatusCode);
        using var other = await SendAsync(HttpMethod.Get, "partners/feeds/tags/giai-bao-chi/rss.xml", _partnerKey);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task Moving_an_embargoed_article_to_a_past_date_publishes_it_at_once()
    {
        using var put = await SendAsync(HttpMethod.Put, $"api/articles/{Slug}", _adminKey, Article());

        using var edit = await SendAsync(HttpMethod.Put, $"api/articles/{Slug}", _adminKey, Article().Replace(
            _release.ToOffset(Vietnam).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), "2024-09-01T08:00:00+07:00", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal("published", await StateAsync());
        Assert.Contains(Title, await _service.Client.GetStringAsync("feeds/archive/2024-09.atom"));
    }

    private async Task<XDocument> AtomAsync(string path) => XDocument.Parse(await _service.Client.GetStringAsync(path));

    /// <summary>Polls a condition until it holds, for at most a generous limit (the machine may be busy).</summary>
    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var limit = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < limit, $"timed out waiting until {what}");
            await Task.Delay(100);
        }
    }
}
