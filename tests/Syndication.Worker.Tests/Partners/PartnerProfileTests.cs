using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;

namespace Syndication.Worker.Tests.Partners;

/// <summary>
/// Partner profiles on the real service: set through the partners API (admin key), and two partners with different
/// profiles pulling the same archive get different feeds — the whole article with Media RSS and an attribution, or the
/// lead of one section only, without images.
/// </summary>
public sealed class PartnerProfileTests : IAsyncLifetime
{
    private const string Slug = "phoi-ca-phe-ngay-nang";
    private const string Attribution = "Nguồn: Báo Đắk Lắk <baodaklak.vn> & cộng sự";
    private static readonly XNamespace Media = "http://search.yahoo.com/mrss/";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";

    private ServiceUnderTest _service = null!;
    private string _adminKey = null!;
    private string _mediaKey = null!;
    private string _leadKey = null!;

    public async Task InitializeAsync()
    {
        _service = await ServiceUnderTest.StartAsync();
        _adminKey = await _service.AddPartnerAsync("CMS tòa soạn", ["admin"]);
        _mediaKey = await _service.AddPartnerAsync("Cổng tin đối tác", ["feeds"]);
        _leadKey = await _service.AddPartnerAsync("Ứng dụng Tin Nhanh", ["feeds"]);
        using var put = await SendAsync(HttpMethod.Put, $"api/articles/{Slug}", _adminKey, """
            {"title": "Phơi cà phê ngày nắng", "published": "2024-10-05T08:00:00+07:00", "lead": "Nông dân tranh thủ nắng phơi cà phê.",
             "body": "<p>Sân phơi kín cà phê nhân từ sáng sớm.</p><figure><img src=\"https://img.example.test/phoi-ca-phe.jpg\" alt=\"\"><figcaption>Phơi cà phê ở Ea Tu</figcaption></figure>",
             "authors": ["Thu Hà"], "section": "Kinh tế",
             "images": [{"url": "https://img.example.test/phoi-ca-phe.jpg", "caption": "Phơi cà phê ở Ea Tu", "type": "image/jpeg", "width": 1200, "height": 800, "credit": "Ảnh: Thu Hà"}]}
            """);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task Two_partners_with_different_profiles_get_different_valid_feeds_of_the_same_archive()
    {
        await PutProfileAsync("Cổng tin đối tác", $$"""{"content": "full", "images": true, "media": true, "sections": null, "attribution": {{JsonSerializer.Serialize(Attribution)}}}""");
        await PutProfileAsync("Ứng dụng Tin Nhanh", """{"content": "lead", "images": false, "media": false, "sections": ["van-hoa"], "attribution": "Theo Báo Đắk Lắk"}""");

        using var mediaResponse = await SendAsync(HttpMethod.Get, "partners/feeds/rss.xml", _mediaKey);
        using var leadResponse = await SendAsync(HttpMethod.Get, "partners/feeds/rss.xml", _leadKey);
        var mediaFeed = XDocument.Parse(await mediaResponse.Content.ReadAsStringAsync());
        var leadFeed = XDocument.Parse(await leadResponse.Content.ReadAsStringAsync());

        // The whole article, its image in Media RSS, the attribution escaped at the end of the content.
        var item = mediaFeed.Descendants("item").Single(i => (string?)i.Element("link") == $"{_service.Client.BaseAddress}articles/{Slug}");
        var content = (string)item.Element(Content + "encoded")!;
        Assert.Contains("Sân phơi kín cà phê nhân từ sáng sớm.", content, StringComparison.Ordinal);
        Assert.EndsWith("<p class=\"attribution\">Nguồn: Báo Đắk Lắk &lt;baodaklak.vn&gt; &amp; cộng sự</p>", content, StringComparison.Ordinal);
        var media = Assert.Single(item.Elements(Media + "content"));
        Assert.Equal(
            ("https://img.example.test/phoi-ca-phe.jpg", "image/jpeg", "1200", "800"),
            ((string?)media.Attribute("url"), (string?)media.Attribute("type"), (string?)media.Attribute("width"), (string?)media.Attribute("height")));
        Assert.Equal("https://img.example.test/phoi-ca-phe.jpg", (string?)media.Element(Media + "thumbnail")?.Attribute("url"));
        Assert.Equal("Ảnh: Thu Hà", (string?)media.Element(Media + "credit"));
        Assert.Equal("Phơi cà phê ở Ea Tu", (string?)media.Element(Media + "description"));
        Assert.Contains(mediaFeed.Descendants("category"), category => category.Value == "Văn hóa");

        // The lead of Văn hóa's articles only: no body, no images, the attribution after the lead.
        var items = leadFeed.Descendants("item").ToList();
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Equal("Văn hóa", i.Elements("category").First().Value));
        Assert.Empty(leadFeed.Descendants(Content + "encoded"));
        Assert.DoesNotContain(leadFeed.Descendants(), element => element.Name.Namespace == Media);
        Assert.Empty(leadFeed.Descendants("enclosure"));
        Assert.All(items, i => Assert.EndsWith("<p class=\"attribution\">Theo Báo Đắk Lắk</p>", (string)i.Element("description")!, StringComparison.Ordinal));
        Assert.DoesNotContain(Slug, leadFeed.ToString(), StringComparison.Ordinal);

        Assert.NotEqual(mediaResponse.Headers.ETag, leadResponse.Headers.ETag);
        using var otherSection = await SendAsync(HttpMethod.Get, "partners/feeds/sections/kinh-te/rss.xml", _leadKey);
        Assert.Equal(HttpStatusCode.Forbidden, otherSection.StatusCode);
        using var ownSection = await SendAsync(HttpMethod.Get, "partners/feeds/sections/van-hoa/atom.xml", _leadKey);
        Assert.Equal(HttpStatusCode.OK, ownSection.StatusCode);
    }

    [Fact]
    public async Task The_json_feed_follows_the_profile_too()
    {
        await PutProfileAsync("Ứng dụng Tin Nhanh", """{"content": "lead", "images": false, "attribution": "Theo Báo Đắk Lắk"}""");

        using var response = await SendAsync(HttpMethod.Get, "partners/feeds/feed.json", _leadKey);
        using var feed = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var item = feed.RootElement.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("url").GetString()!.EndsWith(Slug, StringComparison.Ordinal));
        Assert.Equal("Nông dân tranh thủ nắng phơi cà phê.\n\nTheo Báo Đắk Lắk", item.GetProperty("content_text").GetString());
        Assert.False(item.TryGetProperty("content_html", out _));
        Assert.False(item.TryGetProperty("image", out _));
        Assert.False(item.TryGetProperty("attachments", out _));
    }

    [Fact]
    public async Task A_changed_profile_is_in_the_next_feed_and_partners_with_the_same_profile_get_the_same_bytes()
    {
        var before = await SendAsync(HttpMethod.Get, "partners/feeds/atom.xml", _leadKey);
        var sameAsBefore = await SendAsync(HttpMethod.Get, "partners/feeds/atom.xml", _mediaKey);
        Assert.Equal(await before.Content.ReadAsByteArrayAsync(), await sameAsBefore.Content.ReadAsByteArrayAsync());

        await PutProfileAsync("Ứng dụng Tin Nhanh", """{"sections": ["kinh-te"]}""");

        var after = await (await SendAsync(HttpMethod.Get, "partners/feeds/atom.xml", _leadKey)).Content.ReadAsStringAsync();
        Assert.Contains(Slug, after, StringComparison.Ordinal);
        Assert.DoesNotContain("khai-mac-le-hoi-cong-chieng", after, StringComparison.Ordinal);
        Assert.Contains("khai-mac-le-hoi-cong-chieng", await (await SendAsync(HttpMethod.Get, "partners/feeds/atom.xml", _mediaKey)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_partners_api_lists_profiles_without_keys_and_reads_one_by_id_or_name()
    {
        using var list = await SendAsync(HttpMethod.Get, "api/partners", _adminKey);
        var text = await list.Content.ReadAsStringAsync();
        using var partners = JsonDocument.Parse(text);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var partner = partners.RootElement.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Cổng tin đối tác");
        Assert.Equal("full", partner.GetProperty("profile").GetProperty("content").GetString());
        Assert.Equal(JsonValueKind.Null, partner.GetProperty("profile").GetProperty("sections").ValueKind);
        foreach (var key in new[] { _adminKey, _mediaKey, _leadKey })
        {
            Assert.DoesNotContain(key.Split('_')[2], text, StringComparison.Ordinal);
        }
        var id = partner.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
        using var byId = await SendAsync(HttpMethod.Get, $"api/partners/{id}/profile", _adminKey);
        using var byName = await SendAsync(HttpMethod.Get, $"api/partners/{Uri.EscapeDataString("Cổng tin đối tác")}/profile", _adminKey);
        Assert.Equal(await byId.Content.ReadAsStringAsync(), await byName.Content.ReadAsStringAsync());
        Assert.Equal("""{"content":"full","images":true,"media":true,"sections":null,"attribution":null}""", await byId.Content.ReadAsStringAsync());

        using var notAdmin = await SendAsync(HttpMethod.Get, "api/partners", _mediaKey);
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        using var unknown = await SendAsync(HttpMethod.Get, "api/partners/khong-co/profile", _adminKey);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData("""{"content": "medium"}""", "content")]
    [InlineData("""{"content": 1}""", "content")]
    [InlineData("""{"images": "yes"}""", "images")]
    [InlineData("""{"media": null}""", "media")]
    [InlineData("""{"sections": ["Kinh Tế"]}""", "sections")]
    [InlineData("""{"sections": []}""", "sections")]
    [InlineData("""{"sections": "kinh-te"}""", "sections")]
    [InlineData("""{"attribution": 5}""", "attribution")]
    [InlineData("""{"colour": "đỏ"}""", "colour")]
    [InlineData("""[1, 2]""", "")]
    [InlineData("""{"content": """, "")]
    public async Task A_bad_profile_is_400_naming_the_field(string json, string field)
    {
        using var response = await SendAsync(HttpMethod.Put, "api/partners/Ứng dụng Tin Nhanh/profile", _adminKey, json);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), problem.RootElement.ToString());
        using var unchanged = await SendAsync(HttpMethod.Get, "api/partners/Ứng dụng Tin Nhanh/profile", _adminKey);
        Assert.Equal("""{"content":"full","images":true,"media":true,"sections":null,"attribution":null}""", await unchanged.Content.ReadAsStringAsync());
    }

    private async Task PutProfileAsync(string partner, string json)
    {
        using var response = await SendAsync(HttpMethod.Put, $"api/partners/{Uri.EscapeDataString(partner)}/profile", _adminKey, json);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key, string? json = null) =>
        _service.SendAsync(method, path, key, json);
}
