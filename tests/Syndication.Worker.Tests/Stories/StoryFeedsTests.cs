using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Syndication.Worker.Search;
using Syndication.Worker.Tests.Ingestion;

namespace Syndication.Worker.Tests.Stories;

/// <summary>Story clusters end to end: the real service on loopback, a real SQLite file, four fixture outlets served on loopback.</summary>
public sealed class StoryFeedsTests : IAsyncLifetime
{
    private static readonly string[] Outlets = ["tintuc", "vnplus", "baotinh", "tinnhanh"];
    private LoopbackFeedServer _feeds = null!;
    private readonly string _root = ServiceUnderTest.NewRoot();

    public async Task InitializeAsync() => _feeds = await LoopbackFeedServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _feeds.DisposeAsync();
        ServiceUnderTest.DeleteRoot(_root);
    }

    private const string RoadLink = "https://tintuc.example.vn/dak-lak-khoi-cong-duong-dong-tay-123.htm";

    private static readonly string[] RoadCopies =
    [
        RoadLink, "https://vnplus.example.vn/khoi-cong-tuyen-duong-1200-ty/901.vnp",
        "https://baotinh.example.vn/thoi-su/khoi-cong-duong-dong-tay-a1.html", "https://tinnhanh.example.vn/tin/dak-lak-khoi-cong-duong-dong-tay",
    ];

    private List<Uri> ServeOutlets() => [.. Outlets.Select(outlet =>
    {
        _feeds.ServeFeed($"/{outlet}/rss", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "stories", outlet + ".xml")), "application/rss+xml; charset=utf-8");
        return _feeds.Url($"/{outlet}/rss");
    })];

    [Fact]
    public async Task Search_shows_a_story_once_naming_the_other_outlets_and_the_article_page_says_and_N_other_papers()
    {
        await using var service = await ServiceUnderTest.StartWithSourcesAsync(_root, ServeOutlets(), "--Syndication:Ingestion:Enabled", "false");
        await service.PollAllSourcesAsync();

        // The page: the road story's four copies are one result, naming the three other outlets, each linked.
        var page = await service.Client.GetStringAsync("search?q=" + Uri.EscapeDataString("khởi công đường Đông Tây Buôn Ma Thuột") + "&scope=related");
        var results = Regex.Count(page, "<li class=\"teaser\">");
        Assert.Single(Regex.Matches(page, "Cùng tin trên 3 báo khác: "));
        var copiesLine = page[page.IndexOf("Cùng tin trên 3 báo khác: ", StringComparison.Ordinal)..];
        copiesLine = copiesLine[..copiesLine.IndexOf("</p>", StringComparison.Ordinal)];
        Assert.Equal(3, RoadCopies.Count(link => copiesLine.Contains($"<a href=\"{link}\" rel=\"nofollow noopener\">Nguồn ", StringComparison.Ordinal)));
        Assert.Contains($"{results} kết quả", page, StringComparison.Ordinal);
        // The fourth copy is the result's own heading.
        Assert.Single(RoadCopies, link => page.Contains($"<h2><a href=\"{link}\">", StringComparison.Ordinal));

        // The search feed: one item for the story, its copies named as in the related feeds.
        var rss = XDocument.Parse(await service.Client.GetStringAsync("feeds/search/rss.xml?q=" + Uri.EscapeDataString("khởi công đường Đông Tây") + "&scope=related"));
        var road = rss.Descendants("item").Where(item => ((string?)item.Element("description") ?? "").Contains("Cùng tin:", StringComparison.Ordinal)).ToList();
        Assert.Single(road);
        Assert.Single(rss.Descendants("item"), item => RoadCopies.Contains((string?)item.Element("link")));

        // An archive article on the same event: "Báo khác viết gì" lists the story once, "và 3 báo khác".
        var key = await service.AddPartnerAsync("CMS", ["admin"]);
        var article = JsonSerializer.Serialize(new
        {
            title = "Khởi công đường Đông Tây qua Buôn Ma Thuột, vốn hơn 1.200 tỷ đồng",
            published = "2026-12-04T10:00:00+07:00",
            lead = "Tỉnh Đắk Lắk khởi công dự án đường Đông Tây kết nối Quốc lộ 14 với Quốc lộ 27, dài 12,6 km.",
            body = "<p>Sáng 4/12, UBND tỉnh Đắk Lắk khởi công dự án đường Đông Tây đoạn qua thành phố Buôn Ma Thuột, kết nối Quốc lộ 14 với Quốc lộ 27. Tuyến đường dài 12,6 km, rộng 42 m với sáu làn xe, tổng mức đầu tư hơn 1.200 tỷ đồng.</p>",
        });
        using (var put = await service.SendAsync(HttpMethod.Put, "api/articles/khoi-cong-duong-dong-tay", key, article))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }
        await service.Services.GetRequiredService<CoverageRelator>().RelateAllPendingAsync(CancellationToken.None);
        var articlePage = await service.Client.GetStringAsync("articles/khoi-cong-duong-dong-tay");
        var coverage = articlePage[articlePage.IndexOf("Báo khác viết gì", StringComparison.Ordinal)..];
        Assert.Contains("và 3 báo khác", coverage, StringComparison.Ordinal);
        coverage = coverage[..coverage.IndexOf("</aside>", StringComparison.Ordinal)];
        // One heading for the four copies, whichever copy it links.
        Assert.Single(coverage.Split("<h3>").Skip(1), heading => RoadCopies.Any(link => heading.Contains(link, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Stories_rebuild_clusters_entries_stored_before_clustering_existed()
    {
        await using (var service = await ServiceUnderTest.StartWithSourcesAsync(_root, ServeOutlets(), "--Syndication:Ingestion:Enabled", "false"))
        {
            await service.PollAllSourcesAsync();
        }
        var database = Path.Combine(_root, "data", "syndication.db");
        // As migration 20 leaves entries stored before it: each its own story, no signature, no bands.
        await using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var reset = connection.CreateCommand();
            reset.CommandText = "UPDATE entries SET story_id = id, story_hashes = NULL, story_shingles = 0, story_numbers = NULL; DELETE FROM entry_story_bands;";
            await reset.ExecuteNonQueryAsync();
        }

        var rebuilt = await CliProcess.RunAsync(_root, new Dictionary<string, string> { ["Syndication__Database"] = database }, "stories", "rebuild");

        Assert.True(rebuilt.ExitCode == 0, rebuilt.Error);
        // 14 entries: the road story (4 copies), dengue (3) and the 5/12 coffee price (2) join; 8 stories.
        Assert.Contains("Clustered 14 entries into 8 stories", rebuilt.Output, StringComparison.Ordinal);
        await using var again = await ServiceUnderTest.StartAsync(_root, "--Syndication:Ingestion:Enabled", "false");
        var items = XDocument.Parse(await again.Client.GetStringAsync("feeds/related/rss.xml")).Descendants("item").ToList();
        Assert.Equal(8, items.Count);
        Assert.Contains(items, item => (string?)item.Element("link") == RoadLink
            && ((string?)item.Element("description") ?? "").Contains("Cùng tin:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Related_feeds_show_each_story_once_naming_the_other_outlets_and_near_misses_stay_apart()
    {
        // The OPML names the outlets "Nguồn 0" to "Nguồn 3" in this order: the names the feeds give them.
        await using var service = await ServiceUnderTest.StartWithSourcesAsync(_root, ServeOutlets(), "--Syndication:Ingestion:Enabled", "false");
        await service.PollAllSourcesAsync();

        var rss = XDocument.Parse(await service.Client.GetStringAsync("feeds/related/rss.xml"));
        var items = rss.Descendants("item").ToList();
        // 14 entries stored from 4 outlets: the road story (4 copies), dengue (3) and the 5/12 coffee price (2) are one item each.
        Assert.Equal(8, items.Count);
        var road = Assert.Single(items, item => ((string?)item.Element("description") ?? "").Contains("Cùng tin:", StringComparison.Ordinal)
            && (string?)item.Element("link") == "https://tintuc.example.vn/dak-lak-khoi-cong-duong-dong-tay-123.htm");
        var description = (string)road.Element("description")!;
        Assert.Contains("<a href=\"https://vnplus.example.vn/khoi-cong-tuyen-duong-1200-ty/901.vnp\">Nguồn 1</a>", description, StringComparison.Ordinal);
        Assert.Contains(">Nguồn 2</a>", description, StringComparison.Ordinal);
        Assert.Contains(">Nguồn 3</a>", description, StringComparison.Ordinal);
        // Only the earliest copy is an item; the others are named in it.
        Assert.DoesNotContain(items, item => (string?)item.Element("link") == "https://tinnhanh.example.vn/tin/dak-lak-khoi-cong-duong-dong-tay");
        // Near misses: both coffee days, both fires and both crashes are items of their own.
        var titles = items.Select(item => (string)item.Element("title")!).ToList();
        Assert.Contains("Giá cà phê hôm nay 5/12: Tây Nguyên tăng 1.000 đồng/kg", titles);
        Assert.Contains("Giá cà phê hôm nay 6/12: Tây Nguyên giảm 500 đồng/kg", titles);
        Assert.Contains("Cháy nhà trọ ở phường Tân Lợi, 5 người thoát nạn", titles);
        Assert.Contains("Chay kho phe lieu o phuong Tan An, khoi den bao trum khu dan cu", titles);
        Assert.Contains("Va chạm với xe tải trên Quốc lộ 14, một người đi xe máy tử vong", titles);
        Assert.Contains("Xe tải chở cà phê lật trên Quốc lộ 14, tài xế bị thương", titles);

        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(await service.Client.GetStringAsync("feeds/related/atom.xml"));
        var entries = feed.Descendants(atom + "entry").ToList();
        Assert.Equal(8, entries.Count);
        var roadEntry = entries.Single(entry => entry.Elements(atom + "link").Any(link => (string?)link.Attribute("href") == "https://tintuc.example.vn/dak-lak-khoi-cong-duong-dong-tay-123.htm"));
        var related = roadEntry.Elements(atom + "link").Where(link => (string?)link.Attribute("rel") == "related").ToList();
        Assert.Equal(3, related.Count);
        Assert.StartsWith("Nguồn 1: ", (string?)related[0].Attribute("title"), StringComparison.Ordinal);

        using var json = JsonDocument.Parse(await service.Client.GetStringAsync("feeds/related/feed.json"));
        var jsonItems = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(8, jsonItems.Count);
        var copies = jsonItems.Single(item => item.GetProperty("url").GetString() == "https://tintuc.example.vn/dak-lak-khoi-cong-duong-dong-tay-123.htm")
            .GetProperty("_syndication").GetProperty("copies").EnumerateArray().Select(copy => copy.GetProperty("source").GetString()).ToList();
        Assert.Equal(["Nguồn 1", "Nguồn 2", "Nguồn 3"], copies);
    }
}
