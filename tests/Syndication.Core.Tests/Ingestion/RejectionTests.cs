using Syndication.Core.Ingestion;
using static Syndication.Core.Tests.Ingestion.FeedFixtures;

namespace Syndication.Core.Tests.Ingestion;

public sealed class RejectionTests
{
    [Fact]
    public void Html_page_is_rejected_as_an_html_page()
    {
        var error = Assert.Throws<FeedParseException>(() => Parse("html-page.html"));

        Assert.Contains("HTML page", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xhtml_page_with_an_xml_declaration_is_rejected_as_an_html_page()
    {
        var error = Assert.Throws<FeedParseException>(() => ParseText(
            "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>Trang web</p></body></html>"));

        Assert.Contains("HTML page", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \r\n\t  ")]
    public void Empty_body_is_rejected_as_empty(string body)
    {
        var error = Assert.Throws<FeedParseException>(() => ParseText(body));

        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_root_element_is_rejected_naming_the_element_and_its_line()
    {
        var error = Assert.Throws<FeedParseException>(() => ParseText("<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><body/></opml>"));

        Assert.Contains("<opml>", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_text_is_rejected_as_neither_xml_nor_json()
    {
        var error = Assert.Throws<FeedParseException>(() => ParseText("404 Not Found"));

        Assert.Contains("neither XML nor JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unrecoverable_xml_is_rejected_with_the_xml_error_and_position()
    {
        var error = Assert.Throws<FeedParseException>(() => ParseText("<rss>\n<channel>\n<title>t</wrong>\n</channel></rss>"));

        Assert.Contains("Not well-formed XML", error.Message, StringComparison.Ordinal);
        Assert.Contains("Line 3", error.Message, StringComparison.Ordinal);
        Assert.IsType<System.Xml.XmlException>(error.InnerException);
    }
}
