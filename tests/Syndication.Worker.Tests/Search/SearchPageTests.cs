using System.Globalization;
using System.Net;
using System.Xml.Linq;
using Syndication.Core.Search;
using Syndication.Worker.Tests.Publishing.Pages;

namespace Syndication.Worker.Tests.Search;

/// <summary>The search page over the repository's sample archive and three outlets' feeds: best match first.</summary>
public sealed class SearchPageTests(SampleCoverageFixture sample) : IClassFixture<SampleCoverageFixture>
{
    /// <summary>The sample's dengue article: it matches "ca phe" only through "số ca mắc" and "vật dụng phế thải".</summary>
    private const string Dengue = "Chủ động phòng chống sốt xuất huyết mùa mưa";

    private HttpClient Client => sample.Service.Client;

    private async Task<IReadOnlyList<string>> TitlesAsync(string query)
    {
        var (status, _, document) = await HtmlDocument.GetAsync(Client, "search?" + query);
        Assert.Equal(HttpStatusCode.OK, status);
        return [.. document.QuerySelectorAll("ol.results h2").Select(heading => heading.TextContent.Trim())];
    }

    [Theory]
    [InlineData("q=c%C3%A0%20ph%C3%AA")]
    [InlineData("q=ca%20phe")]
    public async Task Coffee_articles_come_before_an_article_that_only_matches_once_folded(string query)
    {
        var titles = await TitlesAsync(query);

        var dengue = titles.ToList().IndexOf(Dengue);
        Assert.True(dengue > 0, "the dengue article is still found");
        Assert.Contains("cà phê", titles[0], StringComparison.OrdinalIgnoreCase);
        var coffeeTitles = titles.Select((title, i) => (title, i)).Where(pair => pair.title.Contains("cà phê", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(coffeeTitles.Count >= 4);
        Assert.All(coffeeTitles, pair => Assert.True(pair.i < dengue, $"“{pair.title}” at {pair.i}, after the dengue article at {dengue}"));
    }

    [Fact]
    public async Task Snippets_mark_the_words_as_typed()
    {
        var (_, _, document) = await HtmlDocument.GetAsync(Client, "search?q=c%C3%A0%20ph%C3%AA");

        var first = document.QuerySelector("ol.results li")!;
        Assert.Equal(["cà", "phê"], first.QuerySelectorAll("mark").Select(mark => mark.TextContent.ToLowerInvariant()).Distinct());
        var dengue = document.QuerySelectorAll("ol.results li").Single(item => item.QuerySelector("h2")!.TextContent.Trim() == Dengue);
        Assert.Contains("ca", dengue.QuerySelectorAll("mark").Select(mark => SearchText.Fold(mark.TextContent)));
    }

    [Fact]
    public async Task Newest_first_is_one_click_away_and_the_search_feed_stays_newest_first()
    {
        var (_, _, page) = await HtmlDocument.GetAsync(Client, "search?q=ca%20phe");
        var newest = page.QuerySelectorAll(".sorts a").Single(link => link.TextContent == "Mới nhất").GetAttribute("href")!;
        var (_, _, sorted) = await HtmlDocument.GetAsync(Client, newest);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(await Client.GetStringAsync("feeds/search.atom?q=c%C3%A0%20ph%C3%AA"));

        Assert.Contains("sort=newest", newest, StringComparison.Ordinal);
        Assert.Equal("page", sorted.QuerySelectorAll(".sorts a").Single(link => link.TextContent == "Mới nhất").GetAttribute("aria-current"));
        var times = sorted.QuerySelectorAll("ol.results time").Select(time => DateTimeOffset.Parse(time.GetAttribute("datetime")!, CultureInfo.InvariantCulture)).ToList();
        Assert.True(times.Count > 5);
        Assert.Equal(times.OrderByDescending(time => time), times);
        var published = feed.Root!.Elements(atom + "entry").Select(entry => DateTimeOffset.Parse((string)entry.Element(atom + "published")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(published.OrderByDescending(time => time), published);
    }

    [Fact]
    public async Task An_empty_result_suggests_fewer_words_and_a_wider_scope()
    {
        var (status, _, document) = await HtmlDocument.GetAsync(Client, "search?q=c%C3%A0%20ph%C3%AA%20xyzzyq&scope=related");

        Assert.Equal(HttpStatusCode.OK, status);
        var empty = document.QuerySelector(".empty")!;
        Assert.Contains("Không tìm thấy bài nào", empty.TextContent, StringComparison.Ordinal);
        Assert.Contains("không dấu", empty.TextContent, StringComparison.Ordinal);
        var links = empty.QuerySelectorAll("a").Select(a => Uri.UnescapeDataString(a.GetAttribute("href")!)).ToList();
        Assert.Contains(links, link => link.EndsWith("search?q=cà phê&scope=related", StringComparison.Ordinal));
        Assert.Contains(links, link => link.EndsWith("search?q=cà phê xyzzyq", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_search_that_cannot_run_is_explained_in_vietnamese()
    {
        var (status, _, document) = await HtmlDocument.GetAsync(Client, "search?q=" + new string('a', 600));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Từ khóa quá dài", document.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
    }
}
