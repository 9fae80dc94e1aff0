using Syndication.Core.Ingestion;

namespace Syndication.Core.Tests.Ingestion.Stories;

/// <summary>The four outlets' feeds in testdata/stories, parsed, each entry labelled with the story it really is.</summary>
internal static class StoryFixture
{
    public static readonly string[] Outlets = ["tintuc", "vnplus", "baotinh", "tinnhanh"];

    // Link → the story it carries; a label shared by two entries means they are one story.
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["https://tintuc.example.vn/dak-lak-khoi-cong-duong-dong-tay-123.htm"] = "road",
        ["https://vnplus.example.vn/khoi-cong-tuyen-duong-1200-ty/901.vnp"] = "road",
        ["https://baotinh.example.vn/thoi-su/khoi-cong-duong-dong-tay-a1.html"] = "road",
        ["https://tinnhanh.example.vn/tin/dak-lak-khoi-cong-duong-dong-tay"] = "road",
        ["https://tintuc.example.vn/tay-nguyen-sot-xuat-huyet-124.htm"] = "dengue",
        ["https://vnplus.example.vn/sot-xuat-huyet-tay-nguyen/902.vnp"] = "dengue",
        ["https://baotinh.example.vn/y-te/sot-xuat-huyet-a2.html"] = "dengue",
        ["https://tintuc.example.vn/gia-ca-phe-5-12-125.htm"] = "coffee-5-12",
        ["https://baotinh.example.vn/kinh-te/gia-ca-phe-a3.html"] = "coffee-5-12",
        ["https://vnplus.example.vn/gia-ca-phe-6-12/903.vnp"] = "coffee-6-12",
        ["https://baotinh.example.vn/xa-hoi/chay-nha-tro-tan-loi-a4.html"] = "fire-tan-loi",
        ["https://tinnhanh.example.vn/tin/chay-kho-phe-lieu-tan-an"] = "fire-tan-an",
        ["https://tintuc.example.vn/tai-nan-quoc-lo-14-cu-mgar-126.htm"] = "crash-cu-mgar",
        ["https://vnplus.example.vn/xe-tai-cho-ca-phe-lat/904.vnp"] = "crash-buon-ho",
    };

    public sealed record Item(string Outlet, int SourceId, ParsedEntry Entry, string Story);

    public static IReadOnlyList<Item> Load()
    {
        var items = new List<Item>();
        for (var i = 0; i < Outlets.Length; i++)
        {
            var path = TestData.PathOf("stories", Outlets[i] + ".xml");
            var feed = FeedParser.Parse(File.ReadAllBytes(path), new FeedParseContext(new Uri($"https://{Outlets[i]}.example.vn/rss"), "application/rss+xml", TestData.ArchiveZone));
            items.AddRange(feed.Entries.Select(entry => new Item(Outlets[i], i + 1, entry, Labels[entry.Link!])));
        }
        return items;
    }
}
