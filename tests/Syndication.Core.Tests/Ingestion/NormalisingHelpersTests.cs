using System.Text;
using Syndication.Core.Ingestion.Normalising;
using Syndication.Core.Text;

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

    [Theory]
    [InlineData("https://baodaklak.example/bai-viet-so-2000-619183.html")]
    [InlineData("http://a.example.vn/tin/x?utm_source=rss&id=1")]
    [InlineData("https://a.example.vn/")]
    public void A_link_written_as_uri_writes_it_is_kept_as_it_stands(string url)
    {
        Assert.True(UrlResolver.IsWrittenAsUriWritesIt(url));
        Assert.Equal(UrlResolver.ResolveWithUri(url, Base), UrlResolver.Resolve(url, Base));
    }

    [Theory]
    [InlineData("https://a.example.vn")] // Uri adds the "/"
    [InlineData("https://A.example.vn/")]
    [InlineData("HTTPS://a.example.vn/")]
    [InlineData("https://a.example.vn:443/")]
    [InlineData("https://127.1/")]
    [InlineData("https://a.example.vn/a/../b")]
    [InlineData("https://a.example.vn/a/./b")]
    [InlineData("https://a.example.vn/a%41")]
    [InlineData("https://a.example.vn/a b")]
    [InlineData("https://a.example.vn/tin#top")]
    [InlineData("https://xn--bcher-kva.example/")]
    [InlineData("https://đắk.example/")]
    [InlineData("https://a.example.vn/đắk-lắk")]
    public void A_link_uri_might_write_otherwise_is_left_to_uri(string url)
    {
        Assert.False(UrlResolver.IsWrittenAsUriWritesIt(url));
    }

    [Fact]
    public void Links_kept_as_they_stand_are_what_uri_would_write()
    {
        // Generated from pieces that Uri rewrites, rejects or keeps; wherever a link is kept as it stands, Uri agrees.
        var random = new Random(3986);
        (string[] Plain, string[] Tricky) schemes = (["https://", "http://"], ["HTTP://", "ftp://", "https:/", ""]);
        (string[] Plain, string[] Tricky) labels = (["a", "example", "vn", "b-c", "tin24h", new string('a', 63)],
            ["-b", "b-", "xn--p1ai", "123", "0x7f", "07", "A", "đắk", "", new string('a', 64), "a_b"]);
        (string[] Plain, string[] Tricky) pathPieces = (["/", "/tin", "/a.html", "/~_-.x", "/!$&'()*+,;=:@"],
            ["/.", "/..", "/./", "//", "/a.", "/%41", "/%zz", "/a b", "/đ", "/\\", "/|", "/\"", "/{x}", "/`", "/^"]);
        (string[] Plain, string[] Tricky) queries = (["", "?a=1&b=2", "?x=/y?z"], ["?a b", "?a=%20", "?a=đ", "?a=|", "#f", "?a#f"]);
        var kept = 0;
        for (var n = 0; n < 50_000; n++)
        {
            var host = string.Join('.', Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pick(labels)));
            var port = random.Next(20) == 0 ? ":8080" : "";
            var path = string.Concat(Enumerable.Range(0, random.Next(0, 4)).Select(_ => Pick(pathPieces)));
            var url = Pick(schemes) + host + port + path + Pick(queries);
            if (UrlResolver.IsWrittenAsUriWritesIt(url))
            {
                Assert.Equal(UrlResolver.ResolveWithUri(url, Base), url);
                kept++;
            }
        }
        Assert.True(kept > 1_000, $"only {kept} generated links were kept as they stand");

        string Pick((string[] Plain, string[] Tricky) pieces) =>
            random.Next(8) == 0 ? pieces.Tricky[random.Next(pieces.Tricky.Length)] : pieces.Plain[random.Next(pieces.Plain.Length)];
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
    public void Plain_text_with_the_one_pass_equals_stripping_collapsing_and_normalising_each_apart()
    {
        string[] pieces =
        [
            "Tin", "nóng", "Đắk Lắk", " ", "  ", "\t", "\n", "\r", "\f", "\u00a0", "e\u0301", "\u0301", "A\u030a", "\u212b", "\u2000",
            "\u0000", "\u0001", "\u007f", "\u0085", "\ufffe", "\ud800", "\udc00", "😀", "\u3042", "\u1e9b\u0323", "\u02ff", "\u0300",
        ];
        var random = new Random(18);
        for (var n = 0; n < 20_000; n++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => pieces[random.Next(pieces.Length)]));
            var collapsed = PlainText.CollapseWhitespace(XmlChars.Strip(text));
            var expected = collapsed.AsSpan().Trim().IsEmpty ? null : collapsed.Normalize(NormalizationForm.FormC);

            Assert.Equal(expected, PlainText.FromText(text));
        }
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
