using System.Text.Json;
using System.Xml.Linq;
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

    [Fact]
    public async Task Related_feeds_show_each_story_once_naming_the_other_outlets_and_near_misses_stay_apart()
    {
        // The OPML names the outlets "Nguồn 0" to "Nguồn 3" in this order: the names the feeds give them.
        var urls = Outlets.Select(outlet =>
        {
            _feeds.ServeFeed($"/{outlet}/rss", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "stories", outlet + ".xml")), "application/rss+xml; charset=utf-8");
            return _feeds.Url($"/{outlet}/rss");
        }).ToList();
        await using var service = await ServiceUnderTest.StartWithSourcesAsync(_root, urls, "--Syndication:Ingestion:Enabled", "false");
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
