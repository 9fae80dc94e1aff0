using System.Globalization;
using System.Text;

namespace Syndication.Worker.Tests.Ingestion.Polling;

/// <summary>RSS 2.0 in the shape Vietnamese news sites serve: CDATA descriptions with an image link, then text.</summary>
public static class NewsFeedFixture
{
    private static readonly DateTimeOffset Newest = new(2026, 11, 20, 17, 3, 0, TimeSpan.FromHours(7));

    // age: how much older than the usual newest item this feed's items are. Every source gets the same text, which
    // story clustering (docs/stories.md) rightly merges when the copies are close in time.
    public static string Rss(int source, int items, string? extraItemXml = null, TimeSpan age = default)
    {
        var xml = new StringBuilder($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
            <channel>
            <title>Báo Nguồn {source}</title>
            <link>https://nguon{source}.example/</link>
            <description>Tin tức nguồn {source}</description>
            <language>vi</language>

            """);
        for (var i = 0; i < items; i++)
        {
            var published = (Newest - age).AddHours(-3 * i).ToString("ddd, dd MMM yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " +0700";
            xml.Append(CultureInfo.InvariantCulture, $"""
                <item>
                <title><![CDATA[Tin {i} của nguồn {source}: tín dụng chính sách ở Đắk Lắk]]></title>
                <link>https://nguon{source}.example/tin-{i}.html</link>
                <guid isPermaLink="true">https://nguon{source}.example/tin-{i}.html</guid>
                <description><![CDATA[<a href="/tin-{i}.html"><img src="/anh/{i}.jpg" /></a>Ngân hàng Chính sách xã hội giải ngân vốn cho hộ nghèo, tin số {i}.]]></description>
                <pubDate>{published}</pubDate>
                </item>

                """);
        }
        xml.Append(extraItemXml).Append("</channel>\n</rss>\n");
        return xml.ToString();
    }

    public static string Opml(IEnumerable<Uri> feeds)
    {
        var outlines = string.Concat(feeds.Select((url, i) =>
            $"<outline type=\"rss\" text=\"Nguồn {i}\" xmlUrl=\"{url.AbsoluteUri}\"/>\n"));
        return $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<opml version=\"2.0\"><head><title>Nguồn</title></head><body>\n{outlines}</body></opml>\n";
    }
}
