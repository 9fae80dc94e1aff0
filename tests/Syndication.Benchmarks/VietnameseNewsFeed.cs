using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Syndication.Benchmarks;

/// <summary>A deterministic RSS 2.0 feed shaped like a Vietnamese provincial news site's: CDATA descriptions
/// that open with a linked thumbnail, then the lead; pubDates in +0700.</summary>
public static class VietnameseNewsFeed
{
    public static readonly Uri Url = new("https://baodaklak.example/rss/tin-moi.rss");

    private static readonly string[] Words =
    [
        "tỉnh", "Đắk", "Lắk", "huyện", "xã", "người", "dân", "cán", "bộ", "phát", "triển", "kinh", "tế", "nông", "nghiệp", "cà",
        "phê", "vốn", "vay", "chính", "sách", "hộ", "nghèo", "thu", "hoạch", "mùa", "vụ", "giá", "tăng", "giảm", "năm", "nay",
        "công", "trình", "đường", "giao", "thông", "thôn", "mới", "văn", "hóa", "buôn", "làng", "đồng", "bào", "dân", "tộc",
        "thiểu", "số", "học", "sinh", "trường", "lớp", "sức", "khỏe", "y", "tế", "doanh", "nghiệp", "sản", "phẩm", "xuất", "khẩu",
        "hợp", "tác", "mô", "hình", "hiệu", "quả", "kế", "hoạch", "triển", "khai", "thực", "hiện", "đạt", "kết", "Buôn", "Ma", "Thuột",
    ];

    private static readonly string[] Sections = ["Chính trị", "Kinh tế", "Xã hội", "Văn hóa", "Nông nghiệp", "Thể thao", "Giáo dục"];

    private static readonly ConcurrentDictionary<int, byte[]> Cache = new();

    /// <summary>The UTF-8 bytes of a feed of <paramref name="items"/> items; about 2.5 KB an item, so 2,000 items make ~5 MB.</summary>
    public static byte[] Bytes(int items) => Cache.GetOrAdd(items, Generate);

    private static byte[] Generate(int items)
    {
        var random = new Random(items);
        var newest = new DateTimeOffset(2026, 11, 25, 14, 30, 0, TimeSpan.FromHours(7));
        var xml = new StringBuilder(items * 2600);
        xml.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            .Append("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n")
            .Append("<title>Báo Đắk Lắk - Tin mới nhất</title>\n<link>https://baodaklak.example/</link>\n")
            .Append("<description>Tin tức, thời sự tỉnh Đắk Lắk</description>\n<language>vi-vn</language>\n")
            .Append("<atom:link href=\"").Append(Url.AbsoluteUri).Append("\" rel=\"self\" type=\"application/rss+xml\"/>\n")
            .Append("<lastBuildDate>").Append(RssDate(newest)).Append("</lastBuildDate>\n");
        for (var n = 0; n < items; n++)
        {
            var slug = string.Create(CultureInfo.InvariantCulture, $"bai-viet-so-{items - n}-{random.Next(100_000, 999_999)}");
            var link = $"https://baodaklak.example/{slug}.html";
            var image = string.Create(CultureInfo.InvariantCulture, $"https://cdn.baodaklak.example/images/2026/11/{random.Next(1, 28):D2}/{slug}.jpg");
            xml.Append("<item>\n<title>").Append(Capitalise(Sentence(random, random.Next(10, 20)))).Append("</title>\n")
                .Append("<link>").Append(link).Append("</link>\n")
                .Append("<guid isPermaLink=\"true\">").Append(link).Append("</guid>\n")
                .Append("<category>").Append(Sections[random.Next(Sections.Length)]).Append("</category>\n")
                .Append("<description><![CDATA[<a href=\"").Append(link).Append("\"><img width=\"180\" height=\"120\" src=\"")
                .Append(image).Append("\" alt=\"ảnh minh họa\" /></a>");
            // Leads of real lengths: one to several paragraphs (~2.5 KB of UTF-8 on average).
            var sentences = random.Next(9, 21);
            for (var s = 0; s < sentences; s++)
            {
                xml.Append(Capitalise(Sentence(random, random.Next(12, 30)))).Append(". ");
            }
            xml.Append("]]></description>\n")
                .Append("<pubDate>").Append(RssDate(newest.AddMinutes(-37 * n))).Append("</pubDate>\n</item>\n");
        }
        xml.Append("</channel>\n</rss>\n");
        return Encoding.UTF8.GetBytes(xml.ToString());
    }

    private static string RssDate(DateTimeOffset time) =>
        time.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture) + "+0700";

    private static string Sentence(Random random, int words)
    {
        var sentence = new StringBuilder();
        for (var w = 0; w < words; w++)
        {
            sentence.Append(w == 0 ? "" : " ").Append(Words[random.Next(Words.Length)]);
        }
        return sentence.ToString();
    }

    private static string Capitalise(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
