using Syndication.Core.Ingestion.Normalising;

namespace Syndication.Core.Tests.Ingestion;

public sealed class NormalisingHelpersTests
{
    private static readonly Uri Base = new("https://baotaynguyen.example.vn/kinh-te/");

    [Theory]
    [InlineData("/tin/a.html", "https://baotaynguyen.example.vn/tin/a.html")]
    [InlineData("a.html", "https://baotaynguyen.example.vn/kinh-te/a.html")]
    [InlineData("../a.html", "https://baotaynguyen.example.vn/a.html")]
    [InlineData("//cdn.example.vn/a.jpg", "https://cdn.example.vn/a.jpg")]
    [InlineData("  https://other.example.vn/x?a=1&b=2  ", "https://other.example.vn/x?a=1&b=2")]
    [InlineData("HTTP://Other.Example.vn/", "http://other.example.vn/")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("data:image/png;base64,AAAA", null)]
    [InlineData("mailto:a@example.vn", null)]
    [InlineData("file:///etc/passwd", null)]
    [InlineData("ftp://example.vn/a", null)]
    [InlineData("", null)]
    public void Urls_are_made_absolute_and_only_http_and_https_are_kept(string url, string? expected)
    {
        Assert.Equal(expected, UrlResolver.Resolve(url, Base));
    }

    [Fact]
    public void A_relative_url_without_any_base_is_dropped()
    {
        Assert.Null(UrlResolver.Resolve("/tin/a.html", null));
    }

    [Theory]
    [InlineData("Chỉ là chữ", "Chỉ là chữ")]
    [InlineData("  AT&T &amp; R&D  ", "AT&amp;T &amp; R&amp;D")]
    [InlineData("Caf&eacute;&nbsp;s&agrave;i g&ograve;n", "Café\u00a0sài gòn")]
    [InlineData("<p>   </p><br>", null)]
    [InlineData("<script>alert(1)</script>", null)]
    [InlineData("<div><span>Giữ chữ</span></div>", "<div>Giữ chữ</div>")]
    [InlineData("<font color=red>Chữ đỏ</font>", "Chữ đỏ")]
    [InlineData("<img alt=\"ảnh\" src=\"/a.jpg\">", "<img alt=\"ảnh\" src=\"https://baotaynguyen.example.vn/a.jpg\">")]
    [InlineData("<a href=\"mailto:toasoan@example.vn\" target=\"_blank\" rel=\"x\">Thư</a>", "<a href=\"mailto:toasoan@example.vn\">Thư</a>")]
    [InlineData("<p style=\"color:red\" class=\"x\" id=\"y\" data-x=\"1\">Đoạn</p>", "<p>Đoạn</p>")]
    [InlineData("<table><tr><td colspan=\"2\">Ô</td></tr></table>", "<table><tbody><tr><td colspan=\"2\">Ô</td></tr></tbody></table>")]
    [InlineData("<pre><code>var x = 1 &lt; 2;</code></pre>", "<pre><code>var x = 1 &lt; 2;</code></pre>")]
    public void Html_is_cleaned_to_the_allowlist_and_empty_results_are_null(string html, string? expected)
    {
        Assert.Equal(expected, HtmlCleaner.Clean(html, Base));
    }

    [Theory]
    [InlineData("Chỉ là chữ &amp; R&D", true)]
    [InlineData("   ", true)]
    [InlineData("<p>   </p><br>", true)]
    [InlineData("<a href=\"https://baotaynguyen.example.vn/a.html\"><img src=\"https://cdn.example.vn/a.jpg\" alt=\"ảnh\" /></a>Tin.", true)]
    [InlineData("<a href=\"mailto:toasoan@example.vn\">Thư</a>", true)]
    [InlineData("<img alt=\"ảnh\" src=\"/a.jpg\">", false)]
    [InlineData("<img src=\"//cdn.example.vn/a.jpg\">", false)]
    [InlineData("<a href=\"?trang=2\">Trang 2</a>", false)]
    [InlineData("<a href=\"#muc-1\">Mục 1</a>", false)]
    [InlineData("<script>alert(1)</script><p>x</p>", false)]
    [InlineData("<table><tr><td>Ô</td></tr></table>", false)]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", false)]
    public void Html_is_cleaned_without_a_base_only_when_no_base_could_change_the_result(string html, bool withoutBase)
    {
        var done = HtmlCleaner.TryCleanWithoutBase(html, out var cleaned);

        Assert.Equal(withoutBase, done);
        if (done)
        {
            Assert.Equal(HtmlCleaner.Clean(html, Base), cleaned);
            Assert.Equal(HtmlCleaner.Clean(html, new Uri("https://other.example/x/")), cleaned);
        }
        else
        {
            Assert.Null(cleaned);
        }
    }

    [Theory]
    [InlineData("  Tin   <b>nóng</b>\n\t hôm nay ", "Tin nóng hôm nay")]
    [InlineData("Dòng một<br>dòng hai", "Dòng một dòng hai")]
    [InlineData("Giá &lt; 5% &amp; tăng", "Giá < 5% & tăng")]
    [InlineData("Chỉ số < 50 và > 20", "Chỉ số < 50 và > 20")]
    [InlineData("<!-- quảng cáo -->Tin", "Tin")]
    [InlineData("Tin<script>var a = '<b>';</script> chính", "Tin chính")]
    [InlineData("   ", null)]
    [InlineData("&nbsp;\u00a0 ", null)]
    public void Markup_titles_become_one_line_of_plain_text(string title, string? expected)
    {
        Assert.Equal(expected, PlainText.FromMarkup(title));
    }

    [Theory]
    [InlineData("Tom&nbsp;&amp;&nbsp;Jerry", "Tom\u00a0&\u00a0Jerry")]
    [InlineData("Quãng đường 100&#160;km", "Quãng đường 100\u00a0km")]
    [InlineData("Giá\u202Fcà phê \u3000 tăng", "Giá\u202Fcà phê \u3000 tăng")]
    [InlineData(" \u00a0Tin\u00a0 ", "\u00a0Tin\u00a0")]
    [InlineData("Tin \u00a0\t\n mới", "Tin \u00a0 mới")]
    public void Spaces_other_than_ordinary_whitespace_stay_as_published(string title, string expected)
    {
        Assert.Equal(expected, PlainText.FromMarkup(title));
    }

    [Fact]
    public void A_parsed_title_keeps_its_no_break_spaces()
    {
        var feed = FeedFixtures.ParseText("""
            <rss version="2.0"><channel><title>Kênh</title>
            <item><title>Tom&amp;nbsp;&amp;amp;&amp;nbsp;Jerry   trở lại</title><link>https://a.example.vn/1</link></item>
            </channel></rss>
            """);

        Assert.Equal("Tom\u00a0&\u00a0Jerry trở lại", feed.Entries[0].Title);
    }
}
