using Syndication.Core.Ingestion.Opml;

namespace Syndication.Core.Tests.Ingestion.Opml;

public sealed class OpmlDocumentTests
{
    private const string Subscriptions = """
        <?xml version="1.0" encoding="utf-8"?>
        <opml version="2.0">
          <head><title>Nguồn</title></head>
          <body>
            <outline text="Kinh tế">
              <outline type="rss" text="Báo A – Kinh tế" xmlUrl="https://a.example/rss/kinh-te.rss" htmlUrl="https://a.example/"/>
              <outline type="rss" text="Báo B" xmlUrl="https://b.example/feed"/>
            </outline>
            <outline type="rss" title="Báo C" xmlUrl="http://c.example/rss.xml"/>
            <outline type="rss" text="Báo B lặp" xmlUrl="https://b.example/feed"/>
            <outline text="Nhóm rỗng"/>
          </body>
        </opml>
        """;

    [Fact]
    public void Parse_reads_feed_outlines_with_their_group_as_category()
    {
        var outlines = OpmlDocument.Parse(Subscriptions, "sources.opml");

        Assert.Equal(
            [
                new OpmlOutline("https://a.example/rss/kinh-te.rss", "Báo A – Kinh tế", "https://a.example/", "Kinh tế"),
                new OpmlOutline("https://b.example/feed", "Báo B", null, "Kinh tế"),
                new OpmlOutline("http://c.example/rss.xml", "Báo C", null, null),
            ],
            outlines);
    }

    [Fact]
    public void Written_opml_reads_back_the_same()
    {
        var outlines = OpmlDocument.Parse(Subscriptions, "sources.opml");

        var written = OpmlDocument.Write("Nguồn", outlines, new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(outlines, OpmlDocument.Parse(written, "export.opml"));
        Assert.Contains("<opml version=\"2.0\">", written);
    }

    [Fact]
    public void A_relative_or_non_http_xml_url_is_an_error_naming_the_line()
    {
        var opml = "<opml version=\"2.0\"><body>\n<outline xmlUrl=\"file:///etc/passwd\"/></body></opml>";

        var error = Assert.Throws<FormatException>(() => OpmlDocument.Parse(opml, "bad.opml"));

        Assert.Contains("bad.opml:2", error.Message);
        Assert.Contains("file:///etc/passwd", error.Message);
    }

    [Theory]
    [InlineData("<html><body>not opml</body></html>", "not an OPML file")]
    [InlineData("<opml><body><outline", "bad.opml:1")]
    [InlineData("<!DOCTYPE opml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><opml><body/></opml>", "not a readable OPML file")]
    public void Unreadable_documents_are_errors_naming_the_file(string opml, string expected)
    {
        var error = Assert.Throws<FormatException>(() => OpmlDocument.Parse(opml, "bad.opml"));

        Assert.Contains(expected, error.Message);
    }
}
