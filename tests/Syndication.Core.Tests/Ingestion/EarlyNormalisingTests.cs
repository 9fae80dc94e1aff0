using System.Text;
using Syndication.Core.Ingestion;
using static Syndication.Core.Tests.Ingestion.FeedFixtures;

namespace Syndication.Core.Tests.Ingestion;

/// <summary>Entries normalised as they are read come out as when every entry is normalised after the whole document.</summary>
public sealed class EarlyNormalisingTests
{
    [Fact]
    public void Every_fixture_parses_the_same_with_and_without_early_normalising()
    {
        foreach (var name in Names())
        {
            var bytes = Bytes(name);
            var late = Outcome(bytes, normaliseEarly: false);
            Assert.True(late == Outcome(bytes, normaliseEarly: true), $"fixture {name}");
        }
    }

    [Fact]
    public void Generated_feeds_parse_the_same_with_and_without_early_normalising()
    {
        var random = new Random(18);
        for (var n = 0; n < 3000; n++)
        {
            var document = n % 3 == 2 ? GeneratedAtom(random) : GeneratedRss(random);
            var bytes = Encoding.UTF8.GetBytes(document);
            Assert.True(Outcome(bytes, normaliseEarly: false) == Outcome(bytes, normaliseEarly: true), document);
        }
    }

    /// <summary>The feed as JSON, or the parse error's message: both paths must agree on either.</summary>
    private static string Outcome(byte[] bytes, bool normaliseEarly)
    {
        try
        {
            return ParsedFeedJson.Serialize(FeedParser.Parse(bytes, Context(), normaliseEarly));
        }
        catch (FeedParseException exception)
        {
            return "error: " + exception.Message;
        }
    }

    private static readonly string[] Bases = ["", " xml:base=\"https://other.example/tin/\"", " xml:base=\"muc/\"", " xml:base=\"/goc/\""];

    private static readonly string[] Links = ["https://baodaklak.example/", "https://baodaklak.example/kinh-te/", "/trang/", "tin/", " "];

    private static readonly string[] ItemLinks = ["https://baodaklak.example/a.html", "b.html", "/c.html", "../d.html", "?p=2", ""];

    private static readonly string[] Descriptions =
    [
        "<![CDATA[<a href=\"e.html\"><img src=\"f.jpg\" alt=\"ảnh\" /></a>Tỉnh Đắk Lắk]]>", "<![CDATA[<p>Đoạn <b>một</b></p>]]>",
        "Chữ thường", "<![CDATA[<a href=\"https://x.example/\">x</a>]]>", "<![CDATA[<script>alert(1)</script><img src=\"g.png\">]]>", "",
    ];

    private static string GeneratedRss(Random random)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.Append("<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"").Append(Pick(random, Bases, 4)).Append('>');
        var channels = random.Next(6) == 0 ? 2 : 1;
        for (var c = 0; c < channels; c++)
        {
            xml.Append("<channel").Append(Pick(random, Bases, 3)).Append("><title>Báo</title>");
            var items = random.Next(0, 5);
            // The channel's link before, among or after the items, or none.
            var linkAt = random.Next(-1, items + 1);
            for (var i = 0; i < items; i++)
            {
                if (i == linkAt)
                {
                    xml.Append("<link>").Append(Pick(random, Links, 1)).Append("</link>");
                }
                Item(random, xml);
            }
            if (linkAt == items)
            {
                xml.Append("<link>").Append(Pick(random, Links, 1)).Append("</link>");
            }
            xml.Append("</channel>");
        }
        for (var i = random.Next(3) == 0 ? random.Next(1, 3) : 0; i > 0; i--)
        {
            // Items beside the channel, as in RDF and broken RSS.
            Item(random, xml);
        }
        if (random.Next(10) == 0)
        {
            // Broken: cut short, so that repair runs.
            return xml.ToString()[..(xml.Length * 3 / 4)];
        }
        return xml.Append("</rss>").ToString();
    }

    private static void Item(Random random, StringBuilder xml)
    {
        xml.Append("<item").Append(Pick(random, Bases, 2)).Append("><title>Tin ").Append(random.Next(100)).Append("</title>");
        if (random.Next(4) > 0)
        {
            xml.Append("<link>").Append(Pick(random, ItemLinks, 1)).Append("</link>");
        }
        xml.Append("<description>").Append(Pick(random, Descriptions, 1)).Append("</description>");
        if (random.Next(2) == 0)
        {
            xml.Append("<pubDate>Thu, 29 Jul 2021 17:03:00 +0700</pubDate>");
        }
        if (random.Next(3) == 0)
        {
            xml.Append("<dc:creator>Phóng viên</dc:creator>");
        }
        xml.Append("<category>Kinh tế</category></item>");
    }

    private static string GeneratedAtom(Random random)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.Append("<feed xmlns=\"http://www.w3.org/2005/Atom\"").Append(Pick(random, Bases, 4)).Append("><title>Báo</title><id>urn:x</id>");
        var entries = random.Next(0, 5);
        var linkAt = random.Next(-1, entries + 1);
        var authorAt = random.Next(-1, entries + 1);
        for (var i = 0; i <= entries; i++)
        {
            if (i == linkAt)
            {
                xml.Append("<link rel=\"alternate\" href=\"").Append(Pick(random, Links, 1).Trim()).Append("\"/>");
            }
            if (i == authorAt)
            {
                xml.Append("<author><name>Tòa soạn</name></author>");
            }
            if (i == entries)
            {
                break;
            }
            xml.Append("<entry").Append(Pick(random, Bases, 2)).Append("><title>Tin ").Append(i).Append("</title><id>urn:").Append(i).Append("</id>");
            if (random.Next(4) > 0)
            {
                xml.Append("<link href=\"").Append(Pick(random, ItemLinks, 1)).Append("\"/>");
            }
            if (random.Next(3) == 0)
            {
                xml.Append("<author><name>Phóng viên</name></author>");
            }
            xml.Append("<summary type=\"html\">").Append(Pick(random, Descriptions, 1)).Append("</summary><updated>2021-07-29T17:03:00+07:00</updated></entry>");
        }
        return xml.Append("</feed>").ToString();
    }

    /// <summary>One of the values, the first of them (mostly the plain case) once in <paramref name="weightOfFirst"/> + 1 draws extra.</summary>
    private static string Pick(Random random, string[] values, int weightOfFirst) =>
        random.Next(values.Length + weightOfFirst) is var k && k < values.Length ? values[k] : values[0];
}
