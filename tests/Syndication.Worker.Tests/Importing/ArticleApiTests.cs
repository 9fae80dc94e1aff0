using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Syndication.Worker.Publishing.WebSub;
using Syndication.Worker.Tests.Publishing;

namespace Syndication.Worker.Tests.Importing;

/// <summary>The CMS's article API on the real service: PUT and DELETE with an admin key, seen in the feeds at once.</summary>
public sealed class ArticleApiTests : IAsyncLifetime
{
    private const string Slug = "dem-nhac-cong-chieng";

    private readonly string _root = ServiceUnderTest.NewRoot();
    private RecordingHub _hub = null!;
    private ServiceUnderTest _service = null!;
    private string _adminKey = null!;

    public async Task InitializeAsync()
    {
        _hub = await RecordingHub.StartAsync();
        _service = await ServiceUnderTest.StartAsync(_root,
        [
            "--Syndication:PublicBaseUrl", PublishedFeeds.BaseUrl,
            "--Syndication:WebSubHub", _hub.Url,
            "--Syndication:WebSubCheckSeconds", "3600",
            // A revision read is normally trusted for a second; the API must not depend on that to be seen at once.
            "--Syndication:RevisionCheckIntervalMs", "60000",
        ]);
        _adminKey = await _service.AddPartnerAsync("CMS tòa soạn", ["admin"]);
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _hub.DisposeAsync();
        ServiceUnderTest.DeleteRoot(_root);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null, string? key = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key ?? _adminKey);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        return _service.Client.SendAsync(request);
    }

    private static string Article(string title = "Đêm nhạc cồng chiêng bên hồ Lắk") =>
        $$"""{"title": "{{title}}", "published": "2024-09-25T20:00:00+07:00", "lead": "Nghệ nhân ba buôn cùng biểu diễn.", "body": "<p>Buổi diễn kéo dài đến khuya.</p>", "authors": ["Minh Thuận"], "section": "Văn hóa", "tags": ["Âm nhạc"]}""";

    [Fact]
    public async Task A_put_article_is_in_the_site_feed_on_the_next_request_with_a_new_etag()
    {
        using var before = await _service.Client.GetAsync("feeds/atom.xml");

        using var put = await SendAsync(HttpMethod.Put, $"api/articles/{Slug}", Article());
        using var after = await _service.Client.GetAsync("feeds/atom.xml");

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal($"/api/articles/{Slug}", put.Headers.Location!.OriginalString);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        Assert.Contains("Đêm nhạc cồng chiêng bên hồ Lắk", await after.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Đêm nhạc cồng chiêng", await before.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_search_feed_read_before_a_put_finds_the_new_article_after_it()
    {
        const string search = "feeds/search/rss.xml?q=ho%20lak&scope=archive";
        var before = await _service.Client.GetStringAsync(search);

        using var put = await SendAsync(HttpMethod.Put, $"api/articles/{Slug}", Article());
        var after = await _service.Client.GetStringAsync(search);

        Assert.DoesNotContain("Đêm nhạc cồng chiêng bên hồ Lắk", before);
        Assert.Contains("Đêm nhạc cồng chiêng bên hồ Lắk", after);
    }

    [Fact]
    public async Task A_second_put_edits_the_article_in_place_and_keeps_its_id()
    {
        using var created = await SendAsync(HttpMethod.Put, $"api/articles/{Slug}", Article());
        using var edited = await SendAsync(HttpMethod.Put, $"api/articles/{Slug}", Article("Đêm nhạc cồng chiêng (cập nhật)"));

        using var first = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        using var second = JsonDocument.Parse(await edited.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(first.RootElement.GetProperty("id").GetString(), second.RootElement.GetProperty("id").GetString());
        Assert.Contains("Đêm nhạc cồng chiêng (cập nhật)", await _service.Client.GetStringAsync("feeds/rss.xml"));
    }

    [Theory]
    [InlineData("""{"published": "2024-09-25T20:00:00+07:00", "body": "<p>x</p>"}""", "title")]
    [InlineData("""{"title": "T", "published": "25/09/2024", "body": "<p>x</p>"}""", "published")]
    [InlineData("""{"title": "T", "published": "9999-12-31T20:00:00Z", "body": "<p>x</p>"}""", "published")]
    [InlineData("""{"title": "T", "published": "0001-01-01T00:00:00+14:00", "body": "<p>x</p>"}""", "published")]
    [InlineData("""{"title": "T", "published": "2024-09-25T20:00:00+07:00", "updated": "9999-01-01", "body": "<p>x</p>"}""", "updated")]
    [InlineData("""{"slug": "bai-khac", "title": "T", "published": "2024-09-25T20:00:00+07:00", "body": "<p>x</p>"}""", "slug")]
    [InlineData("""{"title": "T", "published": "2024-09-25T20:00:00+07:00", "body": "<p>x</p>", "images": [{"url": "javascript:alert(1)"}]}""", "images[0].url")]
    [InlineData("""{"title": "T", "published": """, "")]
    [InlineData("""{"title": "T\ud800", "published": "2024-09-25T20:00:00+07:00", "body": "<p>x</p>"}""", "title")]
    [InlineData("""{"title": "T", "published": "2024-09-25T20:00:00+07:00", "body": "<p>\udc00</p>"}""", "body")]
    [InlineData("""{"title": "T", "published": "2024-09-25T20:00:00+07:00", "body": "<p>x</p>", "tags": ["a", "\ud800b"]}""", "tags[1]")]
    [InlineData("""{"title": "T", "published": "2024-09-25T20:00:00+07:00", "body": "<p>x</p>", "images": [{"caption": "\ud800"}]}""", "images[0].caption")]
    [InlineData("""{"title": "T", "published": "2024-09-25T20:00:00+07:00", "body": "<p>x</p>", "correction": 5}""", "correction")]
    [InlineData("""{"title": "T", "published": "2024-09-25T20:00:00+07:00", "body": "<p>x</p>", "correction": {"text": ""}}""", "correction.text")]
    [InlineData("""{"title": "T", "published": "2024-09-25T20:00:00+07:00", "body": "<p>x</p>", "correction": {"text": "Sửa", "time": "hôm qua"}}""", "correction.time")]
    public async Task An_invalid_article_is_a_problem_document_naming_the_field_and_changes_nothing(string json, string field)
    {
        using var before = await _service.Client.GetAsync("feeds/atom.xml");

        using var response = await SendAsync(HttpMethod.Put, $"api/articles/{Slug}", json);
        using var after = await _service.Client.GetAsync("feeds/atom.xml");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out var messages), $"errors name '{field}'");
        Assert.NotEmpty(messages.EnumerateArray().First().GetString()!);
        Assert.Equal(before.Headers.ETag, after.Headers.ETag);
    }

    [Fact]
    public async Task A_deleted_article_leaves_the_feeds_and_its_archive_month_stays_valid()
    {
        const string seed = "khai-mac-le-hoi-cong-chieng";
        Assert.Contains(seed, await _service.Client.GetStringAsync("feeds/archive/2024-09.atom"));

        using var deleted = await SendAsync(HttpMethod.Delete, $"api/articles/{seed}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.DoesNotContain(seed, await _service.Client.GetStringAsync("feeds/rss.xml"));
        using var month = await _service.Client.GetAsync("feeds/archive/2024-09.atom");
        Assert.Equal(HttpStatusCode.OK, month.StatusCode);
        Assert.DoesNotContain(seed, await month.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _service.Client.GetAsync($"articles/{seed}")).StatusCode);
        using var again = await SendAsync(HttpMethod.Delete, $"api/articles/{seed}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Deleting_the_oldest_article_keeps_every_archive_month()
    {
        var months = await ArchiveMonthsAsync();
        var oldest = (await _service.Services.GetRequiredService<Storage.Articles.ArticleStore>()
            .GetPageAsync(Storage.Articles.ArticleFacet.Site, 1, 1, CancellationToken.None)).Single();

        using var deleted = await SendAsync(HttpMethod.Delete, $"api/articles/{oldest.Slug}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(months, await ArchiveMonthsAsync());
        Assert.Equal(HttpStatusCode.OK, (await _service.Client.GetAsync($"feeds/archive/{months[0]}.atom")).StatusCode);
    }

    private async Task<IReadOnlyList<string>> ArchiveMonthsAsync() =>
        [.. (await _service.Services.GetRequiredService<Syndication.Worker.Publishing.FeedPublisher>().ArchiveMonthsAsync(CancellationToken.None))
            .Select(month => month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture))];

    [Fact]
    public async Task A_put_pings_the_hub_without_waiting_for_the_next_check()
    {
        await _service.Services.GetRequiredService<WebSubNotifier>().CheckAsync(CancellationToken.None);

        using var put = await SendAsync(HttpMethod.Put, $"api/articles/{Slug}", Article());

        await Eventually.TrueAsync(() => _hub.Accepted.Contains(PublishedFeeds.BaseUrl + "feeds/rss.xml"), "the hub pinged for feeds/rss.xml");
        Assert.Contains(PublishedFeeds.BaseUrl + "feeds/rss.xml", _hub.Accepted);
    }

    [Fact]
    public async Task The_article_reads_back_in_the_shape_it_was_put()
    {
        using var put = await SendAsync(HttpMethod.Put, $"api/articles/{Slug}", Article());
        using var get = await SendAsync(HttpMethod.Get, $"api/articles/{Slug}");

        using var json = JsonDocument.Parse(await get.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(
            ("Đêm nhạc cồng chiêng bên hồ Lắk", "Văn hóa", "2024-09-25T20:00:00+07:00", "Minh Thuận"),
            (root.GetProperty("title").GetString(), root.GetProperty("section").GetString(), root.GetProperty("published").GetString(), root.GetProperty("authors")[0].GetString()));
    }

    [Fact]
    public async Task Only_an_admin_key_may_write()
    {
        var partner = await _service.AddPartnerAsync("Đối tác", ["feeds"]);
        using var anonymous = new HttpClient { BaseAddress = _service.Client.BaseAddress };

        using var withoutKey = await anonymous.PutAsync($"api/articles/{Slug}", new StringContent(Article(), Encoding.UTF8, "application/json"));
        using var withPartnerKey = await SendAsync(HttpMethod.Put, $"api/articles/{Slug}", Article(), partner);
        using var delete = await SendAsync(HttpMethod.Delete, "api/articles/khai-mac-le-hoi-cong-chieng", key: partner);

        Assert.Equal(
            (HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden),
            (withoutKey.StatusCode, withPartnerKey.StatusCode, delete.StatusCode));
        Assert.Equal(HttpStatusCode.NotFound, (await _service.Client.GetAsync($"articles/{Slug}")).StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_that_is_not_json_is_415_and_changes_nothing(string mediaType)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"api/articles/{Slug}") { Content = new StringContent(Article(), Encoding.UTF8, mediaType) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _adminKey);

        using var response = await _service.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, $"api/articles/{Slug}")).StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        var huge = new string('x', Worker.Importing.ArticleApiEndpoints.MaxBodyBytes + 1);

        using var response = await SendAsync(HttpMethod.Put, $"api/articles/{Slug}", huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_correction_is_in_the_api_the_feeds_and_on_the_page()
    {
        using var created = await SendAsync(HttpMethod.Put, $"api/articles/{Slug}", Article());
        var corrected = Article().TrimEnd('}') + """, "correction": {"text": "Buổi diễn có nghệ nhân của năm buôn, không phải ba.", "time": "2024-09-26T09:30:00+07:00"}}""";

        using var put = await SendAsync(HttpMethod.Put, $"api/articles/{Slug}", corrected);
        using var get = await SendAsync(HttpMethod.Get, $"api/articles/{Slug}");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using var json = JsonDocument.Parse(await get.Content.ReadAsStringAsync());
        var correction = json.RootElement.GetProperty("correction");
        Assert.Equal(
            ("Buổi diễn có nghệ nhân của năm buôn, không phải ba.", "2024-09-26T09:30:00+07:00"),
            (correction.GetProperty("text").GetString(), correction.GetProperty("time").GetString()));
        const string note = "Đính chính</strong> (09:30, 26/09/2024): Buổi diễn có nghệ nhân của năm buôn, không phải ba.";
        // As text of the XML (the HTML is escaped in it), in an RSS description and an Atom content.
        Assert.Contains(note, System.Xml.Linq.XDocument.Parse(await _service.Client.GetStringAsync("feeds/rss.xml")).Root!.Value);
        Assert.Contains(note, System.Xml.Linq.XDocument.Parse(await _service.Client.GetStringAsync("feeds/atom.xml")).Root!.Value);
        using var feed = JsonDocument.Parse(await _service.Client.GetStringAsync("feeds/feed.json"));
        var item = feed.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("url").GetString()!.EndsWith(Slug, StringComparison.Ordinal));
        Assert.Equal("2024-09-26T09:30:00+07:00", item.GetProperty("_syndication").GetProperty("correction").GetProperty("date_corrected").GetString());
        var page = await _service.Client.GetStringAsync($"articles/{Slug}");
        Assert.Matches("<aside class=\"correction\"[^>]*><p><strong>Đính chính</strong> \\(<time datetime=\"2024-09-26T09:30:00(\\+|&#x2B;)07:00\">09:30, 26/09/2024</time>\\): Buổi diễn có nghệ nhân của năm buôn", page);
    }

    [Fact]
    public async Task The_article_read_back_with_its_correction_can_be_put_again_and_keeps_the_correction()
    {
        using var put = await SendAsync(HttpMethod.Put, $"api/articles/{Slug}", Article().TrimEnd('}') + """, "correction": "Sửa tên nghệ nhân."}""");
        var readBack = await (await SendAsync(HttpMethod.Get, $"api/articles/{Slug}")).Content.ReadAsStringAsync();

        using var again = await SendAsync(HttpMethod.Put, $"api/articles/{Slug}", readBack);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        using var first = JsonDocument.Parse(readBack);
        using var second = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        Assert.Equal(first.RootElement.GetProperty("correction").ToString(), second.RootElement.GetProperty("correction").ToString());
        Assert.Equal("Sửa tên nghệ nhân.", second.RootElement.GetProperty("correction").GetProperty("text").GetString());
    }
}
