using System.Text;
using Syndication.Core.Ingestion.Normalising;
using Syndication.Core.Text;

namespace Syndication.Core.Tests.Ingestion;

/// <summary>The sanitiser's fast path either writes exactly what HtmlSanitizer writes or declines.</summary>
public sealed class AllowlistedHtmlTests
{
    private static readonly Uri Base = new("https://baodaklak.example/kinh-te/");

    [Theory]
    [InlineData("<a href=\"https://baodaklak.example/a.html\"><img width=\"180\" height=\"120\" src=\"https://cdn.example/a.jpg\" alt=\"ảnh minh họa\" /></a>Tỉnh Đắk Lắk phát triển. ")]
    [InlineData("<p>Đoạn một.</p><p>Đoạn <strong>hai</strong> với <em>nhấn</em> mạnh.</p>")]
    [InlineData("<P CLASS=\"lead\" Style=\"color:red\">Chữ <B>đậm</B></P>")]
    [InlineData("<img src='/a.jpg' alt=ảnh>")]
    [InlineData("<img src=\"a.jpg\">")]
    [InlineData("<img src=\"../../a b.jpg?x=1&amp;y=2\">")]
    [InlineData("<img src=\"//cdn.example/a.jpg\">")]
    [InlineData("<a href=\"?trang=2\">Trang 2</a>")]
    [InlineData("<a href=\"#muc-1\">Mục 1</a>")]
    [InlineData("<a href=\"\">rỗng</a><a href>không giá trị</a>")]
    [InlineData("<a href=\"HTTPS://Example.VN/Đường dẫn\">hoa</a>")]
    [InlineData("<a href=\"  https://example.vn/x\">khoảng trắng</a>")]
    [InlineData("<a href=\"mailto:toasoan@example.vn\" target=\"_blank\" rel=\"noopener\">Thư</a>")]
    [InlineData("<a href=\"https://example.vn/?a=1&b=2\">bare amp</a>")]
    [InlineData("<a href=\"https://example.vn/?a=1&amp;copy=2\">amp copy</a>")]
    [InlineData("<a title='Nói \"không\"' href=\"/x\">quote</a>")]
    [InlineData("<img alt=\"a &lt; b &gt; c &amp; d &nbsp; e\" src=\"/x.jpg\">")]
    [InlineData("Giá &lt; 5% &amp; tăng &gt; 3%<br>")]
    [InlineData("Caf&eacute;&nbsp;s&agrave;i g&ograve;n &#272;&#x1EAF;k <br/>")]
    [InlineData("AT&T & R&D; a&b <br>")]
    [InlineData("1 < 2 và 3 > 2 <br>")]
    [InlineData("a <3 b <br>")]
    [InlineData("<ul><li>Một</li><li>Hai<ul><li>Hai.một</li></ul></li></ul>")]
    [InlineData("<ol><li><p>Đoạn trong mục</p></li></ol>")]
    [InlineData("<dl><dt>Từ</dt><dd>Nghĩa</dd></dl>")]
    [InlineData("<h2>Tiêu đề</h2><p>Nội dung</p><hr><h3>Phụ</h3>")]
    [InlineData("<blockquote><p>Trích dẫn</p></blockquote>")]
    [InlineData("<figure><img src=\"/a.jpg\"><figcaption>Chú thích</figcaption></figure>")]
    [InlineData("<pre><code>var x = 1 &lt; 2;</code></pre>")]
    [InlineData("<pre>x\n  y</pre>")]
    [InlineData("<div><div><p>lồng</p></div></div>")]
    [InlineData("<b><i><u><s><sub>1</sub><sup>2</sup></s></u></i></b>")]
    [InlineData("<a href=\"/x\"><p>khối trong liên kết</p></a>")]
    [InlineData("<b><p>khối trong đậm</p></b>")]
    [InlineData("<p>chưa đóng")]
    [InlineData("<div><b>chưa đóng")]
    [InlineData("<p>  khoảng\n\ttrắng  </p>\n<p>x</p>")]
    [InlineData("<br><br/><br />")]
    [InlineData("<img\nsrc=\"/a.jpg\"\nalt=\"xuống dòng\">")]
    [InlineData("<p data-x=\"1\" id=\"y\" onclick=\"alert(1)\" style=\"x\">thuộc tính bị bỏ</p>")]
    [InlineData("<img src=\"/a.jpg\" onerror=\"alert(1)\">")]
    [InlineData("<p>&#65;&#x42;&#0067;</p>")]
    [InlineData("<p>&#x80;&#x9F;</p>")]
    [InlineData("<p>&#x1F600; 😀</p>")]
    [InlineData("<p>&notin; &NotEqualTilde; &fjlig;</p>")]
    public void Html_within_the_allowlist_is_written_as_the_sanitiser_writes_it(string html)
    {
        var fast = AllowlistedHtml.TryWrite(html, Base);

        Assert.NotNull(fast);
        Assert.Equal(HtmlCleaner.Sanitize(html, Base), fast);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<p>x<script>alert(1)</script></p>")]
    [InlineData("<style>p{}</style>")]
    [InlineData("<iframe src=\"https://evil.example/\"></iframe>")]
    [InlineData("<object data=\"x.swf\"></object><embed src=\"x.swf\">")]
    [InlineData("<svg><script>alert(5)</script></svg>")]
    [InlineData("<math><mi>x</mi></math>")]
    [InlineData("<form action=\"/x\"><input name=\"q\"></form>")]
    [InlineData("<button>x</button><textarea>y</textarea><select><option>z</option></select>")]
    [InlineData("<noscript><p>x</p></noscript>")]
    [InlineData("<template><p>x</p></template>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<a href=\"JaVaScRiPt:alert(2)\">x</a>")]
    [InlineData("<a href=\" javascript:alert(3)\">x</a>")]
    [InlineData("<a href=\"java\tscript:alert(4)\">x</a>")]
    [InlineData("<a href=\"javascript&#58;alert(5)\">x</a>")]
    [InlineData("<a href=\"javascript&colon;alert(6)\">x</a>")]
    [InlineData("<a href=\"vbscript:msgbox(1)\">x</a>")]
    [InlineData("<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">")]
    [InlineData("<img src=\"data:image/png;base64,AAAA\">")]
    [InlineData("<a href=\"file:///etc/passwd\">x</a>")]
    [InlineData("<a href=\"?a=b:c\">x</a>")]
    [InlineData("<img src=\"x.jpg\" alt=\"&{alert(1)}\">")]
    [InlineData("<span>x</span>")]
    [InlineData("<font color=red>x</font>")]
    [InlineData("<image src=\"/a.jpg\">")]
    [InlineData("<!-- bình luận --><p>x</p>")]
    [InlineData("<![CDATA[x]]>")]
    [InlineData("<?php echo 1; ?>")]
    [InlineData("<!doctype html><p>x</p>")]
    [InlineData("<html><body><p>x</p></body></html>")]
    [InlineData("<table><tr><td>x</td></tr></table>")]
    [InlineData("<p>a<div>b</div></p>")]
    [InlineData("<p>a<p>b")]
    [InlineData("<p>a<ul><li>b</li></ul></p>")]
    [InlineData("<li>a<li>b")]
    [InlineData("<li><div><li>x</li></div></li>")]
    [InlineData("<dd>a<dt>b")]
    [InlineData("<h1>a<h2>b</h2></h1>")]
    [InlineData("<a href=\"/1\">a<a href=\"/2\">b</a></a>")]
    [InlineData("<b>a<i>b</b>c</i>")]
    [InlineData("<b><p>a</b>b</p>")]
    [InlineData("</p>")]
    [InlineData("x</b>")]
    [InlineData("</br>")]
    [InlineData("<p/>x")]
    [InlineData("<div/>")]
    [InlineData("<pre>\nx</pre>")]
    [InlineData("<pre>&#10;x</pre>")]
    [InlineData("<p>x\r\ny</p>")]
    [InlineData("<p>x\u0085y</p>")]
    [InlineData("<p>&#0;</p>")]
    [InlineData("<td>ô lẻ</td>")]
    [InlineData("<p>&#12;</p>")]
    [InlineData("<p>&#x81;</p>")]
    [InlineData("<p>&#xD800;</p>")]
    [InlineData("<p>&#65</p>")]
    [InlineData("<p>&#</p>")]
    [InlineData("<p>&copy 2024</p>")]
    [InlineData("<p>&notit;</p>")]
    [InlineData("<a href=\"/x?a=1&copy=2\">x</a>")]
    [InlineData("<img src=\"/a.jpg\" src=\"/b.jpg\">")]
    [InlineData("<img src=/a.jpg\"x>")]
    [InlineData("<img src=\"/a.jpg\"alt=\"x\">")]
    [InlineData("<img \"src\"=\"/a.jpg\">")]
    [InlineData("<p =x>y</p>")]
    [InlineData("<p x")]
    [InlineData("<img src=\"/a.jpg")]
    [InlineData("<p></p >x</p x>")]
    public void Html_the_fast_path_cannot_prove_equal_is_left_to_the_sanitiser(string html)
    {
        Assert.Null(AllowlistedHtml.TryWrite(html, Base));
    }

    [Theory]
    [InlineData("  <p>Đoạn</p>  ")]
    [InlineData("\u00a0<b>đậm</b>\u00a0")]
    [InlineData("\n<img src=\"/a.jpg\">\n\t")]
    [InlineData("<p>cách </p> \u00a0 ")]
    [InlineData(" <p>chưa đóng \u00a0")]
    public void A_trimmed_range_is_written_as_the_sanitiser_writes_the_trimmed_text(string html)
    {
        var start = html.Length - html.AsSpan().TrimStart().Length;

        var fast = AllowlistedHtml.TryWrite(html, start, html.AsSpan().Trim().Length, Base);

        Assert.Equal(HtmlCleaner.Sanitize(html.Trim(), Base), fast);
        Assert.Equal(HtmlCleaner.Sanitize(html.Trim(), Base).Trim(), HtmlCleaner.Clean(html, Base));
    }

    [Fact]
    public void Relative_urls_stay_relative_without_a_base()
    {
        const string html = "<a href=\"/tin/a.html\"><img src=\"b.jpg\"></a>";

        Assert.Equal(HtmlCleaner.Sanitize(html, null), AllowlistedHtml.TryWrite(html, null));
    }

    [Fact]
    public void Generated_fragments_are_written_as_the_sanitiser_writes_them_or_declined()
    {
        var accepted = 0;
        foreach (var html in GeneratedFragments(seed: 8, count: 4000))
        {
            var fast = AllowlistedHtml.TryWrite(html, Base);
            if (fast is null)
            {
                continue;
            }
            accepted++;
            Assert.True(HtmlCleaner.Sanitize(html, Base) == fast, $"input: {html}\nfast:  {fast}\nslow:  {HtmlCleaner.Sanitize(html, Base)}");
        }
        // Enough accepted that the agreement means something, enough declined that the generator reaches the edges.
        Assert.InRange(accepted, 400, 3600);
    }

    [Fact]
    public void Every_ordinary_character_passes_each_check_the_one_pass_stands_for()
    {
        for (var code = 0; code <= 0xFFFF; code++)
        {
            var c = (char)code;
            var ordinary = OrdinaryCharacters.AreAll([c]);
            // Long enough for the vectorised loop, with the character at every lane and in the overlapping last block.
            Assert.Equal(ordinary, OrdinaryCharacters.AreAll(new string(c, 17)));
            Assert.Equal(ordinary, OrdinaryCharacters.AreAll("abcdefghijklmnopqrstuvwxyz01234" + c));
            Assert.Equal(ordinary, OrdinaryCharacters.AreAll("abcdefghijklmnopqrstuvwxyz0123456789" + c + "abcdefghijklmnopqrstuvwxyz"));
            if (ordinary)
            {
                Assert.False(XmlChars.ContainsInvalid([c]), $"U+{code:X4} is not allowed in XML");
                Assert.False(AllowlistedHtml.HasParserRewrites([c]), $"U+{code:X4} is rewritten by the parser");
                Assert.True(Nfc.IsKnownNormalized([c]), $"U+{code:X4} is not known to be in NFC");
            }
        }
    }

    [Fact]
    public void Cleaning_with_the_one_pass_equals_cleaning_with_each_check_apart()
    {
        // Characters that fail one check or another, alone, as references, or after a letter they may combine with.
        string[] unusual =
        [
            "e\u0301", "\u0301", "&#x301;", "&#769;", "\r", "\r\n", "\f", "\u0085", "\u0080", "\u009f", "\u007f", "\u2000", "&#x2000;",
            "\u212b", "A\u030a", "\ufffe", "\uffff", "\ud800", "\udc00", "😀", "&#x1F600;", "\u0000", "\u0001", "\u000b", "\u3042",
            "\u1e9b\u0323", "\u00ad", "\u02ff", "\u0300", "\u1eff", "\u1f00", "\u2001", "\u206f", "\u2070", "&nbsp;\u0301",
        ];
        var random = new Random(18);
        var compared = 0;
        foreach (var fragment in GeneratedFragments(seed: 18, count: 6000).Concat(GeneratedFragments(seed: 19, count: 2000).Select(PlainTextOf)))
        {
            var html = new StringBuilder(fragment);
            for (var k = random.Next(3) == 0 ? 0 : random.Next(1, 4); k > 0; k--)
            {
                html.Insert(random.Next(html.Length + 1), unusual[random.Next(unusual.Length)]);
            }
            var text = html.ToString();
            HtmlCleaner.TryCleanCheckingEachApart(text, Base, baseKnown: true, out var cleaned);
            Assert.Equal(cleaned, HtmlCleaner.Clean(text, Base));
            var waits = !HtmlCleaner.TryCleanWithoutBase(text, out var withoutBase);
            Assert.Equal(waits, !HtmlCleaner.TryCleanCheckingEachApart(text, null, baseKnown: false, out var apart));
            Assert.Equal(apart, withoutBase);
            compared++;
        }
        Assert.Equal(8000, compared);

        static string PlainTextOf(string html) => html.Replace("<", " ", StringComparison.Ordinal).Replace(">", " ", StringComparison.Ordinal);
    }

    /// <summary>Random sequences of the pieces feed HTML is made of, well and badly nested, hostile and not.</summary>
    private static IEnumerable<string> GeneratedFragments(int seed, int count)
    {
        string[] tags =
        [
            "p", "div", "a", "b", "i", "strong", "em", "u", "s", "sub", "sup", "code", "pre", "ul", "ol", "li", "dl", "dt", "dd",
            "h1", "h2", "h3", "blockquote", "figure", "figcaption", "span", "font", "table", "tr", "td", "script", "style", "P", "A",
        ];
        string[] voids = ["br", "img", "hr", "BR", "input", "wbr"];
        string[] attributes =
        [
            "href=\"/tin/a.html\"", "href=\"https://example.vn/a?b=1&c=2\"", "href='javascript:alert(1)'", "href=\"mailto:a@b.vn\"",
            "src=\"/a.jpg\"", "src=\"//cdn.example/b.png\"", "src=\"data:image/png;base64,AA\"", "src=x.jpg", "alt=\"ảnh &amp; chữ\"",
            "alt=\"a&nbsp;b\"", "title=\"Nói &quot;có&quot;\"", "width=\"180\"", "height=120", "class=\"x\"", "style=\"color:red\"",
            "onclick=\"alert(1)\"", "data-id=\"5\"", "HREF=\"/HOA\"", "alt", "src=\" /c.jpg\"", "href=\"#muc\"", "href=\"?p=2\"",
        ];
        string[] texts =
        [
            "Tỉnh Đắk Lắk", " ", "\n", "a &amp; b", "a & b", "1 < 2", "3 > 2", "&nbsp;", "\u00a0", "&eacute;", "&#273;", "&#x1EA1;",
            "&copy;", "&copy", "AT&T", "\"trích\"", "'đơn'", "<!-- c -->", "&lt;b&gt;", "\t", "&#10;", "R&D;",
        ];
        var random = new Random(seed);
        for (var n = 0; n < count; n++)
        {
            var html = new StringBuilder();
            var open = new Stack<string>();
            var pieces = random.Next(1, 14);
            for (var k = 0; k < pieces; k++)
            {
                switch (random.Next(8))
                {
                    case 0 or 1:
                        var tag = tags[random.Next(tags.Length)];
                        html.Append('<').Append(tag).Append(Attributes(random, attributes)).Append('>');
                        open.Push(tag);
                        break;
                    case 2:
                        html.Append('<').Append(voids[random.Next(voids.Length)]).Append(Attributes(random, attributes))
                            .Append(random.Next(3) == 0 ? " />" : ">");
                        break;
                    case 3 when open.Count > 0:
                        // Mostly the right end tag; now and then a wrong one, or one left out.
                        var close = random.Next(6) == 0 ? tags[random.Next(tags.Length)] : open.Pop();
                        html.Append("</").Append(close).Append('>');
                        break;
                    default:
                        html.Append(texts[random.Next(texts.Length)]);
                        break;
                }
            }
            while (open.Count > 0 && random.Next(4) != 0)
            {
                html.Append("</").Append(open.Pop()).Append('>');
            }
            yield return html.ToString();
        }
    }

    private static string Attributes(Random random, string[] attributes)
    {
        var written = new StringBuilder();
        for (var a = random.Next(4) == 0 ? random.Next(1, 4) : 0; a > 0; a--)
        {
            written.Append(' ').Append(attributes[random.Next(attributes.Length)]);
        }
        return written.ToString();
    }
}
