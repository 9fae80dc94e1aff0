using Syndication.Core.Ingestion;
using static Syndication.Core.Tests.Ingestion.FeedFixtures;

namespace Syndication.Core.Tests.Ingestion;

public sealed class RssParsingTests
{
    private readonly ParsedFeed _news = Parse("rss20-vietnamese-news.xml");

    [Fact]
    public void Rss20_channel_gives_title_link_plain_description_language_updated_and_ttl()
    {
        Assert.Equal("rss2.0", _news.Format);
        Assert.Equal("Báo Tây Nguyên - Kinh tế", _news.Title);
        Assert.Equal("https://baotaynguyen.example.vn/kinh-te/", _news.Link);
        Assert.Equal("Tin tức kinh tế Tây Nguyên", _news.Description);
        Assert.Equal("vi-VN", _news.Language);
        Assert.Equal(new DateTimeOffset(2021, 7, 29, 10, 30, 0, TimeSpan.Zero), _news.Updated);
        Assert.Equal(TimeSpan.FromMinutes(30), _news.Ttl);
        Assert.Equal(3, _news.Entries.Count);
    }

    [Fact]
    public void Rss20_cdata_description_keeps_the_image_link_with_its_relative_href_made_absolute()
    {
        var summary = _news.Entries[0].Summary;

        Assert.Equal(
            "<a href=\"https://baotaynguyen.example.vn/tin/gia-ca-phe-tang-manh-123.html\">"
            + "<img src=\"https://cdn.baotaynguyen.example.vn/2021/07/29/anh.jpg\" width=\"180\" height=\"120\" alt=\"Thu hoạch cà phê\"></a>"
            + "Giá cà phê nhân xô hôm nay tăng 1.000 đồng/kg.",
            summary);
    }

    [Fact]
    public void Rss20_relative_links_resolve_against_the_channel_link()
    {
        var first = _news.Entries[0];

        Assert.Equal("https://baotaynguyen.example.vn/tin/gia-ca-phe-tang-manh-123.html", first.Link);
        Assert.Contains("<img src=\"https://baotaynguyen.example.vn/uploads/anh-2.jpg\"", first.Content, StringComparison.Ordinal);
        Assert.Contains("href=\"https://baotaynguyen.example.vn/kinh-te/tin-lien-quan.html\"", first.Content, StringComparison.Ordinal);
    }

    [Fact]
    public void Rss20_pubdates_with_numeric_offset_and_with_GMT_plus_7_become_utc()
    {
        Assert.Equal(new DateTimeOffset(2021, 7, 29, 10, 3, 0, TimeSpan.Zero), _news.Entries[0].Published);
        Assert.Equal(TimeSpan.Zero, _news.Entries[0].Published!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2021, 7, 28, 1, 15, 0, TimeSpan.Zero), _news.Entries[1].Published);
        Assert.Null(_news.Entries[0].Updated);
    }

    [Fact]
    public void Rss20_guid_is_the_id_and_no_id_is_invented_when_there_is_no_guid()
    {
        Assert.Equal("baotaynguyen-123", _news.Entries[0].Id);
        Assert.Null(_news.Entries[1].Id);
    }

    [Fact]
    public void Rss20_permalink_guid_is_the_link_when_the_item_has_none()
    {
        var third = _news.Entries[2];

        Assert.Equal("https://baotaynguyen.example.vn/tin/von-chinh-sach-125.html", third.Id);
        Assert.Equal("https://baotaynguyen.example.vn/tin/von-chinh-sach-125.html", third.Link);
    }

    [Fact]
    public void Rss20_creators_and_author_emails_become_names_and_categories_are_deduplicated()
    {
        Assert.Equal(["Hồng Chuyên", "Thu Hà"], _news.Entries[0].Authors);
        Assert.Equal(["Minh Quân"], _news.Entries[1].Authors);
        Assert.Equal(["Kinh tế", "Nông nghiệp"], _news.Entries[0].Categories);
        Assert.Equal(["Kinh tế"], _news.Entries[1].Categories);
        Assert.Empty(_news.Entries[2].Authors);
    }

    [Fact]
    public void Rss20_enclosure_and_media_content_of_one_url_give_one_enclosure()
    {
        var enclosure = Assert.Single(_news.Entries[0].Enclosures);

        Assert.Equal(new Enclosure("https://cdn.baotaynguyen.example.vn/2021/07/29/anh.jpg", "image/jpeg", 48213), enclosure);
    }

    [Fact]
    public void Rss091_with_the_netscape_doctype_and_its_latin1_entities_parses()
    {
        var feed = Parse("rss091-netscape.xml");

        Assert.Equal("rss0.91", feed.Format);
        Assert.Equal("Café Weekly", feed.Title);
        Assert.Equal("News from the café scene", feed.Description);
        Assert.Equal("Prices & harvests", feed.Entries[1].Title);
        Assert.Equal(new DateTimeOffset(2021, 8, 2, 9, 0, 0, TimeSpan.Zero), feed.Updated);
    }

    [Fact]
    public void Rss092_reads_enclosure_and_category_and_keeps_an_item_without_title_or_link()
    {
        var feed = Parse("rss092.xml");

        Assert.Equal("rss0.92", feed.Format);
        Assert.Equal(new DateTimeOffset(2021, 8, 2, 0, 0, 0, TimeSpan.Zero), feed.Updated);
        var episode = feed.Entries[0];
        Assert.Equal("<p>How cooperatives changed coffee farming.</p>", episode.Summary);
        Assert.Equal(new Enclosure("http://radio.example.org/audio/ep12.mp3", "audio/mpeg", 12216320), Assert.Single(episode.Enclosures));
        Assert.Equal(["agriculture"], episode.Categories);
        var untitled = feed.Entries[1];
        Assert.Null(untitled.Title);
        Assert.Null(untitled.Link);
        Assert.NotNull(untitled.Summary);
    }

    [Theory]
    [InlineData("<rss>", "rss2.0")]
    [InlineData("<rss version=\"2.0\">", "rss2.0")]
    [InlineData("<rss version=\"0.94\">", "rss2.0")]
    [InlineData("<rss version=\" 0.91 \">", "rss0.91")]
    [InlineData("<rss version=\"0.92\">", "rss0.92")]
    public void Rss_version_names_the_format_and_a_missing_or_unknown_one_is_rss20(string root, string format)
    {
        var feed = ParseText(root + "<channel><title>t</title><item><title>x</title></item></channel></rss>");

        Assert.Equal(format, feed.Format);
    }

    [Fact]
    public void Channel_image_title_and_link_do_not_replace_the_channel_ones()
    {
        var feed = ParseText("""
            <rss version="2.0"><channel>
              <image><title>Logo</title><link>https://logo.example.vn/</link><url>https://logo.example.vn/a.png</url></image>
              <title>Kênh</title><link>https://kenh.example.vn/</link>
            </channel></rss>
            """);

        Assert.Equal("Kênh", feed.Title);
        Assert.Equal("https://kenh.example.vn/", feed.Link);
    }

    [Fact]
    public void Ttl_and_syndication_period_together_give_the_longer_wait()
    {
        var feed = ParseText("""
            <rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel>
              <title>t</title><ttl>15</ttl><sy:updatePeriod>daily</sy:updatePeriod><sy:updateFrequency>48</sy:updateFrequency>
            </channel></rss>
            """);

        Assert.Equal(TimeSpan.FromMinutes(30), feed.Ttl);
    }

    [Fact]
    public void Unknown_elements_and_extension_namespaces_are_ignored_without_losing_the_item()
    {
        var feed = ParseText("""
            <rss version="2.0" xmlns:x="urn:example:unknown" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel>
              <title>t</title><x:weird a="1"><x:title>not this</x:title></x:weird>
              <item><itunes:title>not this either</itunes:title><title>Tin</title><x:thing/><foo>bar</foo><link>https://a.example.vn/1</link></item>
            </channel></rss>
            """);

        var entry = Assert.Single(feed.Entries);
        Assert.Equal("t", feed.Title);
        Assert.Equal("Tin", entry.Title);
        Assert.Equal("https://a.example.vn/1", entry.Link);
    }

    [Fact]
    public void Relative_urls_in_items_read_before_the_channel_link_resolve_against_that_link()
    {
        // Descriptions are sanitised as they are read when no base can change them; these must wait for the link.
        var feed = ParseText("""
            <rss version="2.0"><channel>
              <item><title>a</title><description><![CDATA[<a href="/tin/a.html"><img src="anh/a.jpg"></a>Tin a]]></description></item>
              <item><title>b</title><description><![CDATA[<a href="https://khac.example.vn/b.html">Tin b</a>]]></description>
                <content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<p><a href="?trang=2">Trang 2</a></p>]]></content:encoded></item>
              <link>https://baotaynguyen.example.vn/kinh-te/</link>
            </channel></rss>
            """);

        Assert.Equal(
            "<a href=\"https://baotaynguyen.example.vn/tin/a.html\"><img src=\"https://baotaynguyen.example.vn/kinh-te/anh/a.jpg\"></a>Tin a",
            feed.Entries[0].Summary);
        Assert.Equal("<a href=\"https://khac.example.vn/b.html\">Tin b</a>", feed.Entries[1].Summary);
        Assert.Equal("<p><a href=\"https://baotaynguyen.example.vn/kinh-te/?trang=2\">Trang 2</a></p>", feed.Entries[1].Content);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(6_000)] // ~60,000 characters: past every buffer, within EntryLimits.SummaryHtml
    public void Long_descriptions_come_through_whole_however_the_reader_hands_them_over(int repeat)
    {
        // Surrogate pairs (😀) and text split around CDATA sections, past the size of the reader's and the parser's buffers.
        var text = string.Concat(Enumerable.Repeat("Cà phê 😀 ", repeat));
        var feed = ParseText($"""
            <rss version="2.0"><channel><link>https://a.example.vn/</link>
              <item><description>
                <![CDATA[<p>{text}</p>]]> và &lt;b&gt;thêm&lt;/b&gt; <![CDATA[<img src="https://a.example.vn/a.jpg">]]>
              </description></item>
            </channel></rss>
            """);

        Assert.Equal($"<p>{text}</p> và <b>thêm</b> <img src=\"https://a.example.vn/a.jpg\">", feed.Entries[0].Summary);
    }

    [Fact]
    public void Atom_updated_and_dublin_core_dates_fill_the_item_dates()
    {
        var feed = ParseText("""
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dcterms="http://purl.org/dc/terms/"><channel>
              <item><title>a</title><dc:date>2021-07-29T17:03:00+07:00</dc:date><atom:updated>2021-07-30T08:00:00+07:00</atom:updated></item>
              <item><title>b</title><pubDate>Thu, 29 Jul 2021 17:03:00 +0700</pubDate><dcterms:modified>2021-07-31</dcterms:modified></item>
            </channel></rss>
            """);

        Assert.Equal(new DateTimeOffset(2021, 7, 29, 10, 3, 0, TimeSpan.Zero), feed.Entries[0].Published);
        Assert.Equal(new DateTimeOffset(2021, 7, 30, 1, 0, 0, TimeSpan.Zero), feed.Entries[0].Updated);
        Assert.Equal(new DateTimeOffset(2021, 7, 30, 17, 0, 0, TimeSpan.Zero), feed.Entries[1].Updated);
    }
}
