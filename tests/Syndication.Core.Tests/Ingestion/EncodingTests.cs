using System.Text;
using Syndication.Core.Ingestion;
using static Syndication.Core.Tests.Ingestion.FeedFixtures;

namespace Syndication.Core.Tests.Ingestion;

public sealed class EncodingTests
{
    private const string LatinFeed = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Café crème – “quoted”</title></channel></rss>";

    [Fact]
    public void Windows1252_feed_with_the_charset_only_in_the_http_header_is_read_correctly()
    {
        var feed = Parse("windows1252-http-charset.xml", "application/rss+xml; charset=windows-1252");

        Assert.Equal("Café – Crème brûlée", feed.Title);
        Assert.Equal("“Quoted” naïve text", feed.Description);
        Assert.Equal("Résumé — €5", feed.Entries[0].Title);
    }

    [Fact]
    public void Windows1258_vietnamese_feed_declared_in_the_xml_declaration_is_read_and_composed_to_nfc()
    {
        var feed = Parse("windows1258-vietnamese.xml");

        Assert.Equal("Thời sự Đắk Lắk", feed.Title);
        Assert.Equal("Người dân Buôn Ma Thuột đón mưa đầu mùa", feed.Entries[0].Title);
        Assert.True(feed.Entries[0].Title!.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("Cơn mưa đầu mùa giúp cây cà phê ra hoa.", feed.Entries[0].Summary);
        Assert.Equal(new DateTimeOffset(2021, 7, 29, 10, 3, 0, TimeSpan.Zero), feed.Entries[0].Published);
    }

    [Fact]
    public void Utf8_byte_order_mark_wins_over_a_contradicting_declaration()
    {
        var feed = Parse("utf8-bom-contradicting-declaration.xml");

        Assert.Equal("Tiếng Việt có dấu", feed.Title);
        Assert.Equal("Ếch ộp kêu ở Ea Súp", feed.Entries[0].Title);
    }

    [Fact]
    public void Http_charset_wins_over_the_xml_declaration()
    {
        var body = Encoding.Latin1.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><title>Caf\u00e9</title></channel></rss>");

        var feed = FeedParser.Parse(body, Context("text/xml; charset=\"ISO-8859-1\""));

        Assert.Equal("Café", feed.Title);
    }

    [Fact]
    public void Utf8_declared_but_windows1252_bytes_fall_back_instead_of_failing()
    {
        var body = CodePages(1252).GetBytes(LatinFeed);

        var feed = FeedParser.Parse(body, Context());

        Assert.Equal("Café crème – “quoted”", feed.Title);
    }

    [Fact]
    public void A_utf8_feed_with_one_stray_byte_keeps_its_vietnamese_text()
    {
        var good = Encoding.UTF8.GetBytes("<rss><channel><title>Đắk Lắk ");
        var rest = Encoding.UTF8.GetBytes(" Buôn Ma Thuột</title></channel></rss>");
        byte[] body = [.. good, 0xFF, .. rest];

        var feed = FeedParser.Parse(body, Context());

        Assert.Equal("Đắk Lắk \uFFFD Buôn Ma Thuột", feed.Title);
    }

    // UTF-8 is decoded as the XML is read: bytes found invalid deep into the body, past the start looked at first,
    // make the same feed as when they are near the start.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_stray_byte_far_into_a_utf8_feed_reads_as_one_near_its_start(bool bom)
    {
        var items = string.Concat(Enumerable.Range(1, 1000).Select(n => $"<item><title>Tin số {n} ở Đắk Lắk</title></item>"));
        var good = Encoding.UTF8.GetBytes($"<rss><channel><title>Báo Đắk Lắk</title>{items}<item><title>Đắk Lắk ");
        var rest = Encoding.UTF8.GetBytes(" Buôn Ma Thuột</title></item></channel></rss>");
        byte[] utf8 = [.. good, 0xFF, .. rest];

        var feed = FeedParser.Parse(bom ? [0xEF, 0xBB, 0xBF, .. utf8] : utf8, Context());

        Assert.True(good.Length > 3 * 8192, "the stray byte lies past the start decoded first");
        Assert.Equal("Báo Đắk Lắk", feed.Title);
        Assert.Equal(1001, feed.Entries.Count);
        Assert.Equal("Tin số 1000 ở Đắk Lắk", feed.Entries[999].Title);
        Assert.Equal("Đắk Lắk \uFFFD Buôn Ma Thuột", feed.Entries[1000].Title);
    }

    [Fact]
    public void Utf8_declared_windows1252_bytes_far_into_the_feed_fall_back_as_a_whole()
    {
        var items = string.Concat(Enumerable.Repeat("<item><title>News of the day</title></item>", 1000));
        var body = CodePages(1252).GetBytes($"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><title>Plain</title>{items}<item><title>Café – “quoted”</title></item></channel></rss>");

        var feed = FeedParser.Parse(body, Context("application/rss+xml; charset=utf-8"));

        Assert.Equal(1001, feed.Entries.Count);
        Assert.Equal("Café – “quoted”", feed.Entries[1000].Title);
    }

    [Fact]
    public void Whitespace_longer_than_the_start_looked_at_first_still_leads_to_the_feed()
    {
        var body = Encoding.UTF8.GetBytes(new string(' ', 20_000) + "<rss><channel><title>Đà Lạt</title></channel></rss>");

        Assert.Equal("Đà Lạt", FeedParser.Parse(body, Context()).Title);
    }

    [Fact]
    public void Server_default_latin1_label_on_valid_utf8_bytes_reads_as_utf8()
    {
        var body = Encoding.UTF8.GetBytes("<rss><channel><title>Tiếng Việt</title></channel></rss>");

        var feed = FeedParser.Parse(body, Context("text/xml; charset=iso-8859-1"));

        Assert.Equal("Tiếng Việt", feed.Title);
    }

    [Fact]
    public void Utf16_with_byte_order_mark_is_read()
    {
        var body = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(
            "<?xml version=\"1.0\" encoding=\"utf-16\"?><rss><channel><title>Đà Lạt</title></channel></rss>")).ToArray();

        Assert.Equal("Đà Lạt", FeedParser.Parse(body, Context()).Title);
    }

    [Fact]
    public void Json_feed_is_utf8_whatever_the_http_charset_says()
    {
        var body = Encoding.UTF8.GetBytes("""{"version": "https://jsonfeed.org/version/1.1", "title": "Hồ Lắk", "items": []}""");

        Assert.Equal("Hồ Lắk", FeedParser.Parse(body, Context("application/feed+json; charset=windows-1252")).Title);
    }

    // Valid UTF-8 is read in place (with or without its BOM); a body that is not is still read, as text.
    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    public void Json_feed_reads_with_a_bom_without_one_and_with_stray_bytes(bool bom, bool strayByte)
    {
        var json = Encoding.UTF8.GetBytes("""{"version": "https://jsonfeed.org/version/1.1", "title": "Hồ Lắk", "items": [{"id": "1", "title": "Tin X"}]}""");
        if (strayByte)
        {
            json[json.AsSpan().IndexOf("X"u8)] = 0xFF;
        }
        var body = bom ? [0xEF, 0xBB, 0xBF, .. json] : json;

        var feed = FeedParser.Parse(body, Context("application/feed+json"));

        Assert.Equal("Hồ Lắk", feed.Title);
        Assert.Equal(strayByte ? "Tin \uFFFD" : "Tin X", Assert.Single(feed.Entries).Title);
    }

    [Fact]
    public void Unknown_charset_label_falls_back_to_the_declaration()
    {
        var body = CodePages(1252).GetBytes("<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss><channel><title>Café</title></channel></rss>");

        Assert.Equal("Café", FeedParser.Parse(body, Context("text/xml; charset=x-no-such-charset")).Title);
    }

    private static Encoding CodePages(int codePage) => CodePagesEncodingProvider.Instance.GetEncoding(codePage)!;
}
