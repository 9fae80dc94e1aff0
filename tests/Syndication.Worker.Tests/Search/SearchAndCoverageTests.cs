using System.Net;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;

namespace Syndication.Worker.Tests.Search;

/// <summary>
/// The archive of testdata/seeds plus another outlet's feed (testdata/coverage) on the real service: entries about
/// the same subjects show as each article's related coverage, unrelated ones nowhere, and search finds both.
/// </summary>
public sealed class SearchAndCoverageTests : IClassFixture<TestSeedsCoverageFixture>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    /// <summary>Each seed article and the fixture entry written about its subject.</summary>
    public static readonly TheoryData<string, string> Coverage = new()
    {
        { "gia-ca-phe-tang-manh-dau-vu", "Giá cà phê nhân xô ở Đắk Lắk tăng mạnh ngay đầu vụ" },
        { "khai-mac-le-hoi-cong-chieng", "Lễ hội cồng chiêng các dân tộc thu hút đông đảo du khách" },
        { "hop-tac-xa-nong-nghiep-mo-rong-vung-nguyen-lieu", "Hợp tác xã Ea Kmát liên kết tiêu thụ với doanh nghiệp chế biến" },
        { "tang-cuong-su-lanh-dao-cua-dang-doi-voi-tin-dung-chinh-sach-xa-hoi", "Đẩy mạnh tín dụng chính sách xã hội theo Kết luận 06 của Ban Bí thư" },
    };

    private static readonly string[] Unrelated = ["Đội bóng U19 giành chiến thắng ở vòng loại", "Dự báo thời tiết: mưa lớn ở Nam Trung Bộ"];

    private readonly ServiceUnderTest _service;
    private readonly string _root;

    public SearchAndCoverageTests(TestSeedsCoverageFixture fixture)
    {
        _service = fixture.Service;
        _root = fixture.Root;
    }

    [Theory]
    [MemberData(nameof(Coverage))]
    public async Task Each_article_page_shows_the_coverage_of_its_subject_and_nothing_unrelated(string slug, string entryTitle)
    {
        var page = await _service.Client.GetStringAsync($"articles/{slug}");

        Assert.Contains("Báo khác viết gì", page);
        Assert.Contains(entryTitle, page);
        Assert.Contains("Nguồn 0", page); // the source as the OPML names it
        Assert.All(Unrelated, title => Assert.DoesNotContain(title, page));
        Assert.All(Coverage.Select(row => (string)row[1]).Where(other => other != entryTitle), other => Assert.DoesNotContain(other, page));
    }

    [Theory]
    [MemberData(nameof(Coverage))]
    public async Task Each_article_has_a_coverage_feed_with_its_entry(string slug, string entryTitle)
    {
        using var response = await _service.Client.GetAsync($"feeds/articles/{slug}/related.atom");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal([entryTitle], feed.Elements(Atom + "entry").Select(entry => entry.Element(Atom + "title")!.Value));
        Assert.NotNull(feed.Element(Atom + "entry")!.Element(Atom + "source"));
    }

    [Fact]
    public async Task A_section_coverage_feed_holds_the_entries_of_its_articles_only()
    {
        var economy = await _service.Client.GetStringAsync("feeds/related/sections/kinh-te/rss.xml");

        Assert.Contains("Giá cà phê nhân xô ở Đắk Lắk tăng mạnh ngay đầu vụ", economy);
        Assert.Contains("Hợp tác xã Ea Kmát liên kết tiêu thụ với doanh nghiệp chế biến", economy);
        Assert.DoesNotContain("cồng chiêng", economy);
        Assert.Equal(HttpStatusCode.NotFound, (await _service.Client.GetAsync("feeds/related/sections/khong-co/rss.xml")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _service.Client.GetAsync("feeds/articles/khong-co/related.atom")).StatusCode);
    }

    [Theory]
    [InlineData("tin dung", "archive", "Tăng cường sự lãnh đạo của Đảng đối với tín dụng chính sách xã hội")]
    [InlineData("tín dụng", "related", "Đẩy mạnh tín dụng chính sách xã hội theo Kết luận 06 của Ban Bí thư")]
    [InlineData("Dak Lak", "related", "Giá cà phê nhân xô ở Đắk Lắk tăng mạnh ngay đầu vụ")]
    [InlineData("CỒNG CHIÊNG", "all", "Khai mạc lễ hội cồng chiêng các dân tộc")]
    [InlineData("cong chieng", "all", "Lễ hội cồng chiêng các dân tộc thu hút đông đảo du khách")]
    public async Task Search_feeds_find_with_or_without_diacritics(string query, string scope, string expectedTitle)
    {
        using var response = await _service.Client.GetAsync($"feeds/search.atom?q={Uri.EscapeDataString(query)}&scope={scope}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var titles = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!
            .Elements(Atom + "entry").Select(entry => entry.Element(Atom + "title")!.Value).ToList();
        Assert.Contains(expectedTitle, titles);
    }

    [Fact]
    public async Task Scope_keeps_archive_and_related_apart()
    {
        var archive = await _service.Client.GetStringAsync("feeds/search/rss.xml?q=tin%20dung&scope=archive");
        var related = await _service.Client.GetStringAsync("feeds/search/rss.xml?q=tin%20dung&scope=related");

        Assert.DoesNotContain("<source", archive);
        Assert.DoesNotContain("Tăng cường sự lãnh đạo", related);
        Assert.Contains("<source", related);
    }

    [Theory]
    [InlineData("\"tín dụng")]
    [InlineData("tin NEAR dung")]
    [InlineData("NEAR(tin dung, 2)")]
    [InlineData("*")]
    [InlineData("ca*")]
    [InlineData("title:ca phe")]
    [InlineData("{title lead}: ca")]
    [InlineData("- OR AND NOT")]
    [InlineData("'; DROP TABLE articles; --")]
    [InlineData("^tin")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u0000\u0001")]
    [InlineData("tín\u0301 dụng")]
    public async Task Hostile_queries_are_answered_200_or_400_and_never_500(string query)
    {
        foreach (var path in new[] { "feeds/search.atom", "feeds/search/rss.xml", "feeds/search/feed.json", "search" })
        {
            using var response = await _service.Client.GetAsync($"{path}?q={Uri.EscapeDataString(query)}");

            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{path} answered {(int)response.StatusCode} to '{query}'");
        }
        Assert.Equal(4, await _service.Services.GetRequiredService<Storage.Articles.ArticleStore>().CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_query_of_ten_kilobytes_is_a_plain_400()
    {
        var query = string.Concat(Enumerable.Repeat("cà phê ", 1500));

        using var feed = await _service.Client.GetAsync($"feeds/search.atom?q={Uri.EscapeDataString(query)}");
        using var page = await _service.Client.GetAsync($"search?q={Uri.EscapeDataString(query)}");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (feed.StatusCode, page.StatusCode));
        Assert.Equal("text/plain", feed.Content.Headers.ContentType!.MediaType);
        Assert.Contains("too long", await feed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_scope_is_400_naming_it()
    {
        using var response = await _service.Client.GetAsync("feeds/search.atom?q=ca%20phe&scope=everything");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'scope' must be archive, related or all", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_search_page_lists_matches_with_snippets_and_links_its_feeds()
    {
        var page = await _service.Client.GetStringAsync("search?q=ca%20phe");

        Assert.Contains("Giá cà phê tăng mạnh đầu vụ thu hoạch", page);
        Assert.Contains("Giá cà phê nhân xô ở Đắk Lắk tăng mạnh ngay đầu vụ", page);
        Assert.Contains("rel=\"alternate\" type=\"application/atom+xml\"", page);
        Assert.Contains("feeds/search.atom?q=ca%20phe", page);
    }

    [Fact]
    public async Task Related_cli_explains_an_articles_coverage_with_scores_and_terms()
    {
        var result = await CliProcess.RunAsync(_root, new Dictionary<string, string> { ["Syndication__Database"] = _service.DatabasePath },
            "related", "gia-ca-phe-tang-manh-dau-vu");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Terms: ", result.Output);
        var row = result.Output.Split('\n').Single(line => line.Contains("Giá cà phê nhân xô ở Đắk Lắk", StringComparison.Ordinal));
        Assert.StartsWith("yes", row);
        Assert.Contains("ca phe", row);
    }

    [Fact]
    public async Task Reindex_cli_rebuilds_the_indexes_and_search_still_finds_the_same()
    {
        var before = await _service.Client.GetStringAsync("feeds/search/feed.json?q=hop%20tac%20xa");

        var result = await CliProcess.RunAsync(_root, new Dictionary<string, string> { ["Syndication__Database"] = _service.DatabasePath }, "reindex");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Indexed 4 articles and 6 entries", result.Output);
        Assert.Equal(before, await _service.Client.GetStringAsync("feeds/search/feed.json?q=hop%20tac%20xa"));
    }
}
