using Syndication.Core.Ingestion;
using static Syndication.Core.Tests.Ingestion.FeedFixtures;

namespace Syndication.Core.Tests.Ingestion;

public sealed class AtomParsingTests
{
    private readonly ParsedFeed _atom = Parse("atom10-xml-base.xml");

    [Fact]
    public void Atom10_feed_gives_title_alternate_link_subtitle_as_text_language_and_updated()
    {
        Assert.Equal("atom1.0", _atom.Format);
        Assert.Equal("Nông nghiệp Tây Nguyên", _atom.Title);
        Assert.Equal("https://nongnghiep.example.vn/", _atom.Link);
        Assert.Equal("Tin nông nghiệp mỗi ngày", _atom.Description);
        Assert.Equal("vi", _atom.Language);
        Assert.Equal(new DateTimeOffset(2021, 7, 29, 10, 3, 0, TimeSpan.Zero), _atom.Updated);
    }

    [Fact]
    public void Atom10_nested_xml_base_resolves_entry_links_enclosures_and_content_urls()
    {
        var entry = _atom.Entries[0];

        Assert.Equal("https://nongnghiep.example.vn/chuyen-muc/ca-phe/gia-tang.html", entry.Link);
        Assert.Equal(new Enclosure("https://nongnghiep.example.vn/audio/gia-tang.mp3", "audio/mpeg", 1337), Assert.Single(entry.Enclosures));
        Assert.Contains("src=\"https://nongnghiep.example.vn/chuyen-muc/ca-phe/anh/ca-phe.jpg\"", entry.Content, StringComparison.Ordinal);
        Assert.Contains("href=\"https://nongnghiep.example.vn/chuyen-muc/ho-tieu/\"", entry.Content, StringComparison.Ordinal);
    }

    [Fact]
    public void Atom10_xhtml_content_is_the_inner_markup_of_its_div()
    {
        var content = _atom.Entries[0].Content!;

        Assert.StartsWith("<p>Giá <strong>cà phê</strong> hôm nay.</p>", content, StringComparison.Ordinal);
        Assert.DoesNotContain("<div", content, StringComparison.Ordinal);
        Assert.DoesNotContain("xmlns", content, StringComparison.Ordinal);
    }

    [Fact]
    public void Atom10_html_title_becomes_plain_text_and_text_summary_stays_literal()
    {
        var entry = _atom.Entries[0];

        Assert.Equal("Cà phê & hồ tiêu: giá tăng", entry.Title);
        Assert.Equal("Giá cà phê &lt; 40.000 đồng/kg", entry.Summary);
        Assert.Equal("Dòng một.\nDòng hai &amp; ba.", _atom.Entries[2].Content);
    }

    [Fact]
    public void Atom10_dates_are_utc_with_published_and_updated_kept_apart()
    {
        var entry = _atom.Entries[0];

        Assert.Equal(new DateTimeOffset(2021, 7, 29, 1, 0, 0, TimeSpan.Zero), entry.Published);
        Assert.Equal(new DateTimeOffset(2021, 7, 29, 2, 30, 0, 500, TimeSpan.Zero), entry.Updated);
        Assert.Null(_atom.Entries[1].Published);
    }

    [Fact]
    public void Atom10_authors_come_from_the_entry_else_its_source_else_the_feed()
    {
        Assert.Equal(["Lan Anh", "Quốc Việt"], _atom.Entries[0].Authors);
        Assert.Equal(["Ban biên tập"], _atom.Entries[1].Authors);
        Assert.Equal(["Phóng viên nguồn"], _atom.Entries[2].Authors);
    }

    [Fact]
    public void Atom10_category_uses_the_label_and_falls_back_to_the_term()
    {
        Assert.Equal(["Cà phê", "ho-tieu"], _atom.Entries[0].Categories);
    }

    [Fact]
    public void Atom03_reads_issued_modified_tagline_escaped_and_inline_content()
    {
        var feed = Parse("atom03.xml");

        Assert.Equal("atom0.3", feed.Format);
        Assert.Equal("Old <Blog>", feed.Title);
        Assert.Equal("Written in 2005", feed.Description);
        Assert.Equal("http://oldblog.example.com/", feed.Link);
        Assert.Equal(new DateTimeOffset(2005, 7, 31, 12, 29, 29, TimeSpan.Zero), feed.Updated);
        var first = feed.Entries[0];
        Assert.Equal(new DateTimeOffset(2005, 7, 31, 12, 29, 29, TimeSpan.Zero), first.Published);
        Assert.Equal(new DateTimeOffset(2005, 7, 31, 12, 29, 29, TimeSpan.Zero), first.Updated);
        Assert.Equal("<p>Escaped <em>HTML</em> content.</p>", first.Content);
        Assert.Equal("A short summary.", first.Summary);
        Assert.Equal(["Mark"], first.Authors);
        Assert.Equal("<p>Inline <b>markup</b>.</p>", feed.Entries[1].Content);
    }

    [Fact]
    public void Atom_out_of_line_content_is_absent_and_a_self_link_is_not_the_entry_link()
    {
        var feed = ParseText("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
              <entry><title>a</title><link rel="self" href="https://a.example.vn/self"/>
                <content type="video/mp4" src="https://a.example.vn/v.mp4"/></entry>
            </feed>
            """);

        var entry = Assert.Single(feed.Entries);
        Assert.Null(entry.Link);
        Assert.Null(entry.Content);
    }
}
