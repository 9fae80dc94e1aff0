using System.Text;
using Syndication.Core.Ingestion;
using static Syndication.Core.Tests.Ingestion.FeedFixtures;

namespace Syndication.Core.Tests.Ingestion;

public sealed class RobustnessTests
{
    [Fact]
    public void Undeclared_html_entities_become_their_characters()
    {
        var feed = Parse("undeclared-entities.xml");

        // A no-break space is the publisher's text and stays one.
        Assert.Equal("Entities\u00a0Daily", feed.Title);
        Assert.Equal("Café & more…", feed.Description);
        Assert.Equal("It’s a café\u00a0story — part\u00a01", feed.Entries[0].Title);
        Assert.Equal("Price: 5€ <b>now</b> © 2021 &amp;bogus; – done", feed.Entries[0].Summary);
    }

    [Fact]
    public void Bare_ampersands_are_kept_as_text_and_in_urls()
    {
        var feed = Parse("bare-ampersands.xml");

        Assert.Equal("Tom & Jerry News", feed.Title);
        Assert.Equal("AT&T and a & b", feed.Description);
        Assert.Equal("https://amp.example.com/?a=1&b=2", feed.Link);
        var item = feed.Entries[0];
        Assert.Equal("AT&T buys R&D lab", item.Title);
        Assert.Equal("https://amp.example.com/story?id=7&ref=rss", item.Link);
        Assert.Equal("Salt &amp; pepper; 3 &lt; 4 &amp; 5 &gt; 2", item.Summary);
    }

    [Fact]
    public void Characters_xml_forbids_are_stripped()
    {
        var feed = Parse("control-characters.xml");

        Assert.Equal("Control chars feed", feed.Title);
        Assert.Equal("Pasted from Word", feed.Description);
        Assert.Equal("Bell in the title", feed.Entries[0].Title);
        Assert.Equal("Form feed and nul", feed.Entries[0].Summary);
    }

    [Fact]
    public void Bad_dates_keep_the_entry_with_a_null_date()
    {
        var feed = Parse("bad-dates.xml");

        Assert.Equal(4, feed.Entries.Count);
        Assert.All(feed.Entries.Take(3), e => Assert.Null(e.Published));
        Assert.Equal(["Nonsense date", "Impossible date", "Empty date"], feed.Entries.Take(3).Select(e => e.Title));
        Assert.Equal(new DateTimeOffset(2021, 7, 29, 10, 3, 0, TimeSpan.Zero), feed.Entries[3].Published);
        // lastBuildDate is unreadable, so the channel pubDate is the feed's update time.
        Assert.Equal(new DateTimeOffset(2021, 7, 29, 10, 3, 0, TimeSpan.Zero), feed.Updated);
    }

    [Fact]
    public void Truncated_document_keeps_the_complete_entries_before_the_cut()
    {
        var feed = Parse("truncated.xml");

        Assert.Equal(["First complete item", "Second complete item"], feed.Entries.Select(e => e.Title));
        Assert.Equal("Cut short", feed.Title);
    }

    [Fact]
    public void Document_cut_before_any_entry_is_a_parse_error_with_its_line()
    {
        var error = Assert.Throws<FeedParseException>(() => ParseText("<rss version=\"2.0\">\n<channel>\n<title>Cut"));

        Assert.Contains("Line 3", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Undeclared_namespace_prefixes_are_declared_by_the_repair()
    {
        var feed = ParseText("""
            <rss version="2.0"><channel><title>t</title>
              <item><title>a</title><dc:creator>Hồng Chuyên</dc:creator><content:encoded><![CDATA[<p>Nội dung</p>]]></content:encoded><foo:bar>x</foo:bar></item>
            </channel></rss>
            """);

        var entry = Assert.Single(feed.Entries);
        Assert.Equal(["Hồng Chuyên"], entry.Authors);
        Assert.Equal("<p>Nội dung</p>", entry.Content);
    }

    [Fact]
    public void Unescaped_html_in_a_description_is_read_as_html()
    {
        var feed = ParseText("""
            <rss version="2.0"><channel><title>t</title>
              <item><title>a</title><description>Dòng một<br>dòng <b>hai</b> <img src="/a.jpg" alt=x></description></item>
            </channel></rss>
            """);

        Assert.Equal(
            "Dòng một<br>dòng <b>hai</b> <img src=\"https://feeds.example.vn/a.jpg\" alt=\"x\">",
            Assert.Single(feed.Entries).Summary);
    }

    [Fact]
    public void Blank_lines_and_a_php_warning_before_the_declaration_are_skipped()
    {
        var feed = ParseText("\n\n<br />\n<b>Warning</b>: something in feed.php<br />\n<?xml version=\"1.0\"?>\n<rss><channel><title>PHP</title><item><title>a</title></item></channel></rss>");

        Assert.Equal("PHP", feed.Title);
        Assert.Single(feed.Entries);
    }

    [Fact]
    public void Titles_double_wrapped_in_cdata_or_holding_tags_become_plain_text()
    {
        var feed = ParseText("""
            <rss><channel>
              <item><title>&lt;![CDATA[Giá vàng hôm nay]]&gt;</title></item>
              <item><title><![CDATA[Tin <b>nóng</b>:   mưa<br/>lớn &amp;amp; lũ]]></title></item>
            </channel></rss>
            """);

        Assert.Equal("Giá vàng hôm nay", feed.Entries[0].Title);
        Assert.Equal("Tin nóng: mưa lớn &amp; lũ", feed.Entries[1].Title);
    }

    [Fact]
    public void Decomposed_vietnamese_text_is_composed_to_nfc()
    {
        var decomposed = "Tiếng Việt".Normalize(NormalizationForm.FormD);

        var feed = ParseText($"<rss><channel><title>{decomposed}</title><item><description>{decomposed}</description></item></channel></rss>");

        Assert.Equal("Tiếng Việt", feed.Title);
        Assert.True(feed.Entries[0].Summary!.IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public async Task Random_bytes_truncations_and_corruptions_only_ever_raise_feed_parse_errors()
    {
        var random = new Random(20210729);
        var inputs = new List<byte[]>();
        for (var i = 0; i < 200; i++)
        {
            var noise = new byte[random.Next(0, 300)];
            random.NextBytes(noise);
            inputs.Add(noise);
            inputs.Add([.. "<rss><channel><item><title>"u8.ToArray(), .. noise]);
            inputs.Add([.. "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":["u8.ToArray(), .. noise]);
        }
        foreach (var name in Names())
        {
            var bytes = Bytes(name);
            for (var cut = 0; cut < bytes.Length; cut += Math.Max(1, bytes.Length / 40))
            {
                inputs.Add(bytes[..cut]);
            }
            for (var flip = 0; flip < 20; flip++)
            {
                var corrupted = (byte[])bytes.Clone();
                corrupted[random.Next(corrupted.Length)] = (byte)random.Next(256);
                corrupted[random.Next(corrupted.Length)] = (byte)"<>&\"'/]"[random.Next(7)];
                inputs.Add(corrupted);
            }
        }

        foreach (var input in inputs)
        {
            // A hang is a failure too, and must not stall the whole test run.
            var parse = Task.Run(() => ParseOrError(input));
            var finished = await Task.WhenAny(parse, Task.Delay(TimeSpan.FromSeconds(10))) == parse;
            Assert.True(finished, "parsing hung on: " + Convert.ToBase64String(input));
            Assert.DoesNotContain("internal error", await parse ?? string.Empty, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Repeated_elements_keep_the_first_value_and_the_rest_of_the_document()
    {
        var rss = ParseText("""
            <rss><channel><title>Một</title><title>Hai</title><language>vi</language><language>en</language>
              <lastBuildDate>Thu, 29 Jul 2021 17:03:00 +0700</lastBuildDate><lastBuildDate>x</lastBuildDate><ttl>5</ttl><ttl>9</ttl>
              <item><title>a</title><title>b</title><pubDate>Thu, 29 Jul 2021 17:03:00 +0700</pubDate><pubDate>x</pubDate><link>https://a.example.vn/</link></item>
            </channel></rss>
            """);
        var atom = ParseText("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Một</title><title>Hai</title><updated>2021-07-29T10:03:00Z</updated><updated>x</updated>
              <entry><id>1</id><id>2</id><title>a</title><title>b</title><summary>s</summary><summary>t</summary><content>c</content><content>d</content>
                <published>2021-07-29T10:03:00Z</published><published>x</published><updated>2021-07-29T10:03:00Z</updated><updated>x</updated></entry>
              <entry><id>3</id></entry>
            </feed>
            """);

        Assert.Equal(("Một", "vi", TimeSpan.FromMinutes(5)), (rss.Title, rss.Language, rss.Ttl));
        Assert.Equal(("a", "https://a.example.vn/"), (rss.Entries[0].Title, rss.Entries[0].Link));
        Assert.NotNull(rss.Entries[0].Published);
        Assert.Equal("Một", atom.Title);
        Assert.Equal(["1", "3"], atom.Entries.Select(e => e.Id));
        Assert.Equal(("a", "s", "c"), (atom.Entries[0].Title, atom.Entries[0].Summary, atom.Entries[0].Content));
    }

    private static string? ParseOrError(byte[] input)
    {
        try
        {
            Assert.NotNull(ParsedFeedJson.Serialize(FeedParser.Parse(input, Context())));
            return null;
        }
        catch (FeedParseException error)
        {
            return error.Message;
        }
    }
}
