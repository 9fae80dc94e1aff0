using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace Syndication.Worker.Tests.Publishing;

/// <summary>A withdrawn article on the real service: the feeds that carried it announce it (RFC 6721), readers drop it.</summary>
public sealed class WithdrawalTests : IAsyncLifetime
{
    private const string Slug = "khai-mac-le-hoi-cong-chieng";
    private const string Reason = "Bài viết có thông tin chưa chính xác, tòa soạn gỡ bỏ.";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Tombstones = "http://purl.org/atompub/tombstones/1.0";

    private readonly string _root = ServiceUnderTest.NewRoot();
    private ServiceUnderTest _service = null!;
    private string _adminKey = null!;

    public async Task InitializeAsync()
    {
        // One article a page, so the seeds' four articles span four pages and each withdrawal must land on one of them.
        _service = await ServiceUnderTest.StartAsync(_root, ["--Syndication:PublicBaseUrl", PublishedFeeds.BaseUrl, "--Syndication:PageSize", "1"]);
        _adminKey = await _service.AddPartnerAsync("CMS tòa soạn", ["admin"]);
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        ServiceUnderTest.DeleteRoot(_root);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _adminKey);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        return await _service.Client.SendAsync(request);
    }

    private async Task<string> IdOfAsync(string slug)
    {
        using var response = await SendAsync(HttpMethod.Get, $"api/articles/{slug}");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("id").GetString()!;
    }

    private async Task WithdrawAsync(string slug, string? reason = Reason)
    {
        using var deleted = await SendAsync(HttpMethod.Delete, $"api/articles/{slug}", reason is null ? null : JsonSerializer.Serialize(new { comment = reason }));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    private async Task<XDocument> AtomAsync(string path) => XDocument.Parse(await _service.Client.GetStringAsync(path));

    private static IReadOnlyList<XElement> DeletedEntries(XDocument feed) => [.. feed.Root!.Elements(Tombstones + "deleted-entry")];

    [SkippableFact]
    public async Task A_withdrawn_article_is_a_tombstone_in_the_site_feed_and_its_month_and_readers_drop_it()
    {
        Feedparser.RequireOrSkip();
        var id = await IdOfAsync(Slug);
        var before = DateTimeOffset.UtcNow;
        Assert.Contains(id, await Feedparser.EntryIdsAsync(await _service.Client.GetByteArrayAsync("feeds/archive/2024-09.atom")));

        await WithdrawAsync(Slug);

        foreach (var path in new[] { "feeds/atom.xml", "feeds/archive/2024-09.atom" })
        {
            var bytes = await _service.Client.GetByteArrayAsync(path);
            var tombstone = Assert.Single(DeletedEntries(XDocument.Parse(Encoding.UTF8.GetString(bytes))));
            Assert.Equal(id, (string?)tombstone.Attribute("ref"));
            var when = DateTimeOffset.Parse((string)tombstone.Attribute("when")!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(TimeSpan.FromHours(7), when.Offset);
            Assert.InRange(when, before.AddSeconds(-1), DateTimeOffset.UtcNow);
            Assert.Equal(Reason, (string?)tombstone.Element(Tombstones + "comment"));
            Assert.DoesNotContain(id, await Feedparser.EntryIdsAsync(bytes));
        }
        Assert.Contains(await IdOfAsync("gia-ca-phe-tang-manh-dau-vu"), await Feedparser.EntryIdsAsync(await _service.Client.GetByteArrayAsync("feeds/atom.xml")));
    }

    [Fact]
    public async Task The_feeds_of_the_section_authors_and_tags_it_was_in_announce_it_and_others_do_not()
    {
        var id = await IdOfAsync(Slug);

        await WithdrawAsync(Slug, reason: null);

        foreach (var path in new[] { "feeds/sections/van-hoa/atom.xml", "feeds/authors/minh-thuan/atom.xml", "feeds/tags/dak-lak/atom.xml" })
        {
            var tombstone = Assert.Single(DeletedEntries(await AtomAsync(path)));
            Assert.Equal(id, (string?)tombstone.Attribute("ref"));
            Assert.Null(tombstone.Element(Tombstones + "comment"));
        }
        Assert.Empty(DeletedEntries(await AtomAsync("feeds/sections/kinh-te/atom.xml")));
        Assert.Empty(DeletedEntries(await AtomAsync("feeds/archive/2024-10.atom")));
        Assert.DoesNotContain("deleted-entry", await _service.Client.GetStringAsync("feeds/rss.xml"));
    }

    [Fact]
    public async Task The_json_feed_lists_the_withdrawal_in_its_extension()
    {
        var id = await IdOfAsync(Slug);

        await WithdrawAsync(Slug);

        using var feed = JsonDocument.Parse(await _service.Client.GetStringAsync("feeds/feed.json"));
        Assert.DoesNotContain(feed.RootElement.GetProperty("items").EnumerateArray(), item => item.GetProperty("id").GetString() == id);
        var deleted = Assert.Single(feed.RootElement.GetProperty("_syndication").GetProperty("deleted_items").EnumerateArray());
        Assert.Equal(id, deleted.GetProperty("id").GetString());
        Assert.Equal(PublishedFeeds.BaseUrl + "articles/" + Slug, deleted.GetProperty("url").GetString());
        Assert.Equal("2024-09-20T19:30:00+07:00", deleted.GetProperty("date_published").GetString());
        Assert.Equal(Reason, deleted.GetProperty("comment").GetString());
    }

    [Fact]
    public async Task Walking_the_pages_meets_every_withdrawal_exactly_once()
    {
        var ids = new[] { await IdOfAsync(Slug), await IdOfAsync("gia-ca-phe-tang-manh-dau-vu") };
        await WithdrawAsync(Slug);
        await WithdrawAsync("gia-ca-phe-tang-manh-dau-vu");

        var seen = new List<string>();
        var link = "feeds/atom.xml?page=1";
        for (var pages = 0; link is not null && pages < 10; pages++)
        {
            var page = await AtomAsync(link);
            seen.AddRange(DeletedEntries(page).Select(entry => (string)entry.Attribute("ref")!));
            var previous = (string?)page.Root!.Elements(Atom + "link").FirstOrDefault(l => (string?)l.Attribute("rel") == "previous")?.Attribute("href");
            link = previous is null ? null : new Uri(previous).PathAndQuery.TrimStart('/');
        }

        Assert.Equal(ids.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_withdrawal_moves_last_modified_so_a_conditional_get_by_date_sees_it()
    {
        using var first = await _service.Client.GetAsync("feeds/atom.xml");
        await WithdrawAsync(Slug);

        using var request = new HttpRequestMessage(HttpMethod.Get, "feeds/atom.xml");
        request.Headers.IfModifiedSince = first.Content.Headers.LastModified;
        using var second = await _service.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.True(second.Content.Headers.LastModified > first.Content.Headers.LastModified);
    }

    [Fact]
    public async Task Publishing_the_slug_again_brings_the_entry_back_with_its_id_and_drops_the_tombstone()
    {
        var id = await IdOfAsync(Slug);
        await WithdrawAsync(Slug);

        using var put = await SendAsync(HttpMethod.Put, $"api/articles/{Slug}",
            """{"title": "Khai mạc lễ hội cồng chiêng (đã sửa)", "published": "2024-09-20T19:30:00+07:00", "body": "<p>Nội dung đã kiểm tra lại.</p>", "section": "Văn hóa"}""");

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        var feed = await AtomAsync("feeds/archive/2024-09.atom");
        Assert.Empty(DeletedEntries(feed));
        Assert.Contains(id, feed.Root!.Elements(Atom + "entry").Select(entry => (string)entry.Element(Atom + "id")!));
    }

    [Theory]
    [InlineData("""{"comment": 42}""", "comment")]
    [InlineData("""["gỡ"]""", "")]
    [InlineData("""{"comment": """, "")]
    public async Task A_malformed_withdrawal_is_refused_and_the_article_stays(string json, string field)
    {
        using var response = await SendAsync(HttpMethod.Delete, $"api/articles/{Slug}", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"errors name '{field}'");
        Assert.Equal(HttpStatusCode.OK, (await _service.Client.GetAsync($"articles/{Slug}")).StatusCode);
    }
}
