using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Syndication.Storage.Partners;

namespace Syndication.Worker.Tests.Partners;

/// <summary>Partner keys on the real service: the three ways to present a key, scopes, limits, revocation, full text, usage.</summary>
public sealed class PartnerFeedTests : IAsyncLifetime
{
    private const string BodyText = "Nông dân ở xã Ea Tu cho biết thương lái đến tận vườn đặt cọc.";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private ServiceUnderTest _service = null!;
    private string _feedsKey = null!;
    private string _sectionKey = null!;

    public async Task InitializeAsync()
    {
        _service = await ServiceUnderTest.StartAsync();
        _feedsKey = await _service.AddPartnerAsync("Báo đối tác", ["feeds"]);
        _sectionKey = await _service.AddPartnerAsync("Chỉ mục Kinh tế", ["section:kinh-te"]);
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    private async Task<HttpResponseMessage> GetAsync(string path, AuthenticationHeaderValue? authorization = null, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = authorization;
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }
        return await _service.Client.SendAsync(request);
    }

    private static AuthenticationHeaderValue Bearer(string key) => new("Bearer", key);

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    [Fact]
    public async Task Without_a_key_a_partner_feed_is_401_with_a_basic_challenge()
    {
        using var response = await GetAsync("partners/feeds/rss.xml");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Basic");
        Assert.Contains("partner key is required", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("syn_000000000000_0000000000000000000000000000000000000000000000000000000000000000")]
    public async Task A_wrong_key_is_401(string key)
    {
        using var response = await GetAsync("partners/feeds/rss.xml", Bearer(key));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("not valid", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_key_with_the_right_id_and_a_wrong_secret_is_401()
    {
        var forged = _feedsKey[..^4] + (_feedsKey.EndsWith("0000", StringComparison.Ordinal) ? "1111" : "0000");

        using var response = await GetAsync("partners/feeds/rss.xml", Bearer(forged));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_key_works_as_bearer_token_as_basic_password_or_user_and_in_the_path()
    {
        using var bearer = await GetAsync("partners/feeds/rss.xml", Bearer(_feedsKey));
        using var password = await GetAsync("partners/feeds/rss.xml", Basic("doi-tac", _feedsKey));
        using var user = await GetAsync("partners/feeds/rss.xml", Basic(_feedsKey, ""));
        using var path = await GetAsync($"partners/{_feedsKey}/feeds/rss.xml");

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK],
            new[] { bearer.StatusCode, password.StatusCode, user.StatusCode, path.StatusCode });
    }

    [Fact]
    public async Task A_key_outside_its_scope_is_403_and_inside_it_200()
    {
        using var ownSection = await GetAsync("partners/feeds/sections/kinh-te/atom.xml", Bearer(_sectionKey));
        using var site = await GetAsync("partners/feeds/rss.xml", Bearer(_sectionKey));
        using var otherSection = await GetAsync("partners/feeds/sections/van-hoa/rss.xml", Bearer(_sectionKey));
        using var archive = await GetAsync("partners/feeds/archive/2024-10.atom", Bearer(_sectionKey));

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden],
            new[] { ownSection.StatusCode, site.StatusCode, otherSection.StatusCode, archive.StatusCode });
    }

    [Fact]
    public async Task A_month_outside_the_calendar_is_404_for_a_partner_too()
    {
        using var yearZero = await GetAsync("partners/feeds/archive/0000-01.atom", Bearer(_feedsKey));
        using var monthThirteen = await GetAsync("partners/feeds/archive/2024-13.atom", Bearer(_feedsKey));

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { yearZero.StatusCode, monthThirteen.StatusCode });
    }

    [Fact]
    public async Task Partner_feeds_carry_the_full_text_and_public_feeds_do_not()
    {
        foreach (var file in new[] { "rss.xml", "atom.xml", "feed.json" })
        {
            using var partner = await GetAsync("partners/feeds/" + file, Bearer(_feedsKey));
            using var open = await GetAsync("feeds/" + file);

            Assert.Contains(BodyText, await partner.Content.ReadAsStringAsync());
            Assert.DoesNotContain(BodyText, await open.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Each_partner_has_its_own_entity_tags_and_gets_304_with_them()
    {
        using var first = await GetAsync("partners/feeds/atom.xml", Bearer(_feedsKey));
        using var second = await GetAsync("partners/feeds/sections/kinh-te/atom.xml", Bearer(_sectionKey));
        var otherKey = await _service.AddPartnerAsync("Đối tác thứ ba", ["feeds"]);
        using var third = await GetAsync("partners/feeds/atom.xml", Bearer(otherKey));
        using var open = await GetAsync("feeds/atom.xml");
        var tag = first.Headers.ETag!.Tag;

        using var again = await GetAsync("partners/feeds/atom.xml", Bearer(_feedsKey), tag);
        using var othersTag = await GetAsync("partners/feeds/atom.xml", Bearer(otherKey), tag);

        Assert.Equal(3, new[] { tag, third.Headers.ETag!.Tag, open.Headers.ETag!.Tag }.Distinct().Count());
        Assert.Equal((HttpStatusCode.NotModified, HttpStatusCode.OK), (again.StatusCode, othersTag.StatusCode));
        Assert.True(first.Headers.CacheControl!.Private);
    }

    [Fact]
    public async Task Links_of_a_partner_feed_stay_in_the_form_the_key_came_in()
    {
        using var byPath = await GetAsync($"partners/{_feedsKey}/feeds/atom.xml");
        using var byHeader = await GetAsync("partners/feeds/atom.xml", Bearer(_feedsKey));
        var pathFeed = XDocument.Parse(await byPath.Content.ReadAsStringAsync()).Root!;
        var headerFeed = XDocument.Parse(await byHeader.Content.ReadAsStringAsync()).Root!;
        string Link(XElement feed, string rel) => new Uri(feed.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == rel).Attribute("href")!.Value).AbsolutePath;

        Assert.Equal($"/partners/{_feedsKey}/feeds/atom.xml", Link(pathFeed, "self"));
        Assert.StartsWith($"/partners/{_feedsKey}/feeds/archive/", Link(pathFeed, "prev-archive"));
        Assert.Equal("/partners/feeds/atom.xml", Link(headerFeed, "self"));
        Assert.StartsWith("/partners/feeds/archive/", Link(headerFeed, "prev-archive"));
        Assert.Equal(pathFeed.Element(Atom + "id")!.Value, headerFeed.Element(Atom + "id")!.Value);
    }

    [Fact]
    public async Task Over_the_rate_a_key_gets_429_with_retry_after()
    {
        var key = await _service.AddPartnerAsync("Đối tác ít lượt", ["feeds"], requestsPerMinute: 3);
        var statuses = new List<HttpStatusCode>();
        // The window opened before the first answer arrived, and the refused request was sent after this much more time.
        var sinceFirstAnswer = new System.Diagnostics.Stopwatch();
        var beforeRefused = TimeSpan.Zero;
        TimeSpan? retryAfter = null;
        for (var i = 0; i < 4; i++)
        {
            beforeRefused = sinceFirstAnswer.Elapsed;
            using var response = await GetAsync("partners/feeds/rss.xml", Bearer(key));
            sinceFirstAnswer.Start();
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                retryAfter = response.Headers.RetryAfter!.Delta!.Value;
            }
        }
        // At most what is left of the window opened by the first request, rounded up: never a whole minute once time has
        // passed (measured from the first answer, so a slow first request on a busy machine cannot tighten the bound).
        var left = TimeSpan.FromMinutes(1) - beforeRefused;
        Assert.InRange(retryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(Math.Ceiling(left.TotalSeconds) + 1));
        using var others = await GetAsync("partners/feeds/rss.xml", Bearer(_feedsKey));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, others.StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_on_its_next_request()
    {
        var key = await _service.AddPartnerAsync("Đối tác cũ", ["feeds"]);
        using var before = await GetAsync("partners/feeds/rss.xml", Bearer(key));

        Assert.True(await _service.Services.GetRequiredService<PartnerStore>().RevokeAsync("Đối tác cũ", CancellationToken.None));
        using var after = await GetAsync("partners/feeds/rss.xml", Bearer(key));
        using var afterByPath = await GetAsync($"partners/{key}/feeds/rss.xml");

        Assert.Equal(
            (HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized),
            (before.StatusCode, after.StatusCode, afterByPath.StatusCode));
    }

    [Fact]
    public async Task Usage_counts_every_request_its_304s_429s_and_bytes()
    {
        var key = await _service.AddPartnerAsync("Đối tác đếm", ["feeds"], requestsPerMinute: 4);
        long bytes = 0;
        using (var first = await GetAsync("partners/feeds/atom.xml", Bearer(key)))
        {
            bytes += first.Content.Headers.ContentLength!.Value;
            using var notModified = await GetAsync("partners/feeds/atom.xml", Bearer(key), first.Headers.ETag!.Tag);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        }
        using (var json = await GetAsync($"partners/{key}/feeds/feed.json"))
        {
            bytes += json.Content.Headers.ContentLength!.Value;
        }
        using (var missing = await GetAsync("partners/feeds/sections/khong-co/rss.xml", Bearer(key)))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
        using (var throttled = await GetAsync("partners/feeds/rss.xml", Bearer(key)))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        }
        using (await GetAsync("partners/feeds/rss.xml"))
        {
            // No key: nobody's usage.
        }

        // The usage page writes the counted usage before it reads it.
        var adminKey = await _service.AddPartnerAsync("Quản trị", ["admin"]);
        using var console = new Operations.Admin.AdminConsoleClient(_service.Client.BaseAddress!);
        using (await console.LoginAsync(adminKey))
        {
        }
        using var page = await console.Http.GetAsync("admin/usage");

        var usage = (await _service.Services.GetRequiredService<PartnerStore>().GetUsageAsync(DateOnly.MinValue, CancellationToken.None))
            .Single(row => row.PartnerName == "Đối tác đếm");
        Assert.Equal((5L, 1L, 1L, bytes), (usage.Requests, usage.NotModified, usage.Throttled, usage.Bytes));
        Assert.Contains(
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"<td>Đối tác đếm</td><td class=\"num\">5</td><td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">{bytes}</td>"),
            await page.Content.ReadAsStringAsync());
    }
}
