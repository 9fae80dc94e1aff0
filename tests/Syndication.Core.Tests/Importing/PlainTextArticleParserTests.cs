using System.Xml.Linq;
using Syndication.Core.Articles;
using Syndication.Core.Importing;

namespace Syndication.Core.Tests.Importing;

public sealed class PlainTextArticleParserTests
{
    private const string SampleFile = "000_91e8b4edcccac0ee.txt";
    private const string SampleTitle = "Tăng cường sự lãnh đạo của Đảng đối với tín dụng chính sách xã hội";
    private const string SampleCaption = "Cán bộ Chi nhánh Ngân hàng CSXH huyện Lắk hỗ trợ người dân làm thủ tục vay vốn (ảnh minh họa)";
    private const string SampleTeaserTitle = "(E-magazine) Kiến tạo kinh tế nông nghiệp, nông thôn";

    private static readonly Section Politics = new("chinh-tri", "Chính trị");

    private readonly PlainTextArticleParser _parser = new(TestData.ArchiveZone);

    private ArticleContent ParseSample() => Parse(TestData.ReadText(SampleFile), SampleFile);

    private ArticleContent Parse(string text, string path) => _parser.Parse(text, path, "txt:sample", Politics);

    /// <summary>The body HTML as elements, so paragraphs and figures can be counted rather than searched for.</summary>
    private static XElement BodyOf(ArticleContent article) => XElement.Parse("<body>" + article.BodyHtml + "</body>");

    [Fact]
    public void Sample_title_is_the_line_before_the_time_line()
    {
        Assert.Equal(SampleTitle, ParseSample().Title);
    }

    [Fact]
    public void Sample_time_is_read_in_the_archive_zone_and_stored_as_utc()
    {
        var published = ParseSample().Published;

        Assert.Equal(new DateTimeOffset(2021, 7, 29, 10, 3, 0, TimeSpan.Zero), published);
        Assert.Equal(TimeSpan.Zero, published.Offset);
    }

    [Fact]
    public void Sample_lead_is_the_first_paragraph_and_not_repeated_in_the_body()
    {
        var article = ParseSample();

        Assert.NotNull(article.Lead);
        Assert.StartsWith("Ban Thường vụ Tỉnh ủy vừa ban hành", article.Lead, StringComparison.Ordinal);
        Assert.EndsWith("Trung ương Đảng.", article.Lead, StringComparison.Ordinal);
        Assert.DoesNotContain(article.Lead, article.BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_body_has_five_paragraphs_and_one_captioned_figure()
    {
        var body = BodyOf(ParseSample());

        Assert.Equal(5, body.Elements("p").Count());
        var figure = Assert.Single(body.Elements("figure"));
        Assert.Equal(SampleCaption, figure.Element("figcaption")?.Value);
        Assert.Equal(6, body.Elements().Count());
        Assert.StartsWith("Theo đó,", body.Elements("p").First().Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_image_placeholder_line_does_not_reach_the_body()
    {
        var body = BodyOf(ParseSample());

        Assert.DoesNotContain(body.DescendantNodes().OfType<XText>(), text => text.Value.Trim() == "th");
        Assert.DoesNotContain(">th<", ParseSample().BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_byline_becomes_the_author_and_leaves_the_body()
    {
        var article = ParseSample();

        Assert.Equal(["Hồng Chuyên"], article.Authors);
        Assert.DoesNotContain("Hồng Chuyên", article.BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_teaser_after_the_body_becomes_a_related_link()
    {
        var article = ParseSample();

        var related = Assert.Single(article.Related);
        Assert.Equal(SampleTeaserTitle, related.Title);
        Assert.NotNull(related.Summary);
        Assert.StartsWith("Đắk Lắk không chỉ", related.Summary, StringComparison.Ordinal);
        Assert.Null(related.Url);
        Assert.DoesNotContain("E-magazine", article.BodyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Đắk Lắk không chỉ", article.BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_figure_becomes_an_image_without_a_url()
    {
        var image = Assert.Single(ParseSample().Images);

        Assert.Null(image.Url);
        Assert.Equal(SampleCaption, image.Caption);
    }

    [Fact]
    public void Sample_keeps_the_given_source_key_and_section_and_slugs_the_title()
    {
        var article = ParseSample();

        Assert.Equal("txt:sample", article.SourceKey);
        Assert.Equal(Politics, article.Section);
        Assert.Equal("tang-cuong-su-lanh-dao-cua-dang-doi-voi-tin-dung-chinh-sach-xa-hoi", article.Slug);
        Assert.Null(article.Updated);
    }

    [Fact]
    public void Sample_text_has_no_no_break_spaces_left()
    {
        var article = ParseSample();

        Assert.DoesNotContain('\u00A0', article.BodyHtml);
        Assert.DoesNotContain('\u00A0', article.Lead!);
    }

    [Theory]
    [InlineData("crlf")]
    [InlineData("cr")]
    [InlineData("bom")]
    [InlineData("bom+crlf")]
    public void Line_endings_and_byte_order_mark_do_not_change_the_result(string variantName)
    {
        var original = TestData.ReadText(SampleFile);
        var variant = variantName switch
        {
            "crlf" => original.Replace("\n", "\r\n", StringComparison.Ordinal),
            "cr" => original.Replace('\n', '\r'),
            "bom" => "\uFEFF" + original,
            "bom+crlf" => "\uFEFF" + original.Replace("\n", "\r\n", StringComparison.Ordinal),
            _ => throw new ArgumentOutOfRangeException(nameof(variantName)),
        };
        Assert.NotEqual(original, variant);

        var expected = ParseSample();
        var actual = Parse(variant, SampleFile);

        Assert.Equal(expected.ComputeHash(), actual.ComputeHash());
        Assert.Equal(expected.Title, actual.Title);
        Assert.Equal(expected.BodyHtml, actual.BodyHtml);
        Assert.DoesNotContain('\r', actual.BodyHtml);
    }

    [Fact]
    public void File_without_a_time_line_is_refused_naming_the_file_and_a_line()
    {
        var path = TestData.PathOf("broken", "no-time-line.txt");

        var error = Assert.Throws<SeedFormatException>(() => Parse(File.ReadAllText(path), path));

        Assert.Equal(path, error.Path);
        Assert.InRange(error.Line, 1, 6);
        Assert.StartsWith($"{path}:{error.Line}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("time line", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Impossible_date_is_refused_at_the_time_line()
    {
        var path = TestData.PathOf("broken", "impossible-date.txt");

        var error = Assert.Throws<SeedFormatException>(() => Parse(File.ReadAllText(path), path));

        Assert.Equal(path, error.Path);
        Assert.Equal(3, error.Line);
        Assert.Contains("17:03, 31/02/2021", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("99:03, 29/07/2021")]
    [InlineData("17:75, 29/07/2021")]
    [InlineData("17:03, 29/13/2021")]
    public void Out_of_range_time_parts_are_refused_at_the_time_line(string timeLine)
    {
        var error = Assert.Throws<SeedFormatException>(() => Parse($"Tin mới\n{timeLine}\nĐoạn mở đầu.\n", "inline.txt"));

        Assert.Equal(2, error.Line);
    }

    [Theory]
    [InlineData("20:00, 31/12/9999")]
    [InlineData("07:00, 01/01/1800")]
    public void A_time_outside_the_dates_an_article_may_carry_is_refused_at_the_time_line(string timeLine)
    {
        var error = Assert.Throws<SeedFormatException>(() => Parse($"Tin mới\n{timeLine}\nĐoạn mở đầu.\n", "inline.txt"));

        Assert.Equal(2, error.Line);
        Assert.Contains("outside the dates an article may carry", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Time_line_without_a_title_before_it_is_refused()
    {
        var path = TestData.PathOf("broken", "time-line-first.txt");

        var error = Assert.Throws<SeedFormatException>(() => Parse(File.ReadAllText(path), path));

        Assert.Equal(path, error.Path);
        Assert.Equal(1, error.Line);
        Assert.Contains("title", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Time_line_after_only_blank_lines_is_refused_for_want_of_a_title()
    {
        var error = Assert.Throws<SeedFormatException>(() => Parse("\n\u00A0\n17:03, 29/07/2021\nĐoạn mở đầu.\n", "inline.txt"));

        Assert.Equal(3, error.Line);
        Assert.Contains("title", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_file_is_refused_at_line_one()
    {
        var path = TestData.PathOf("broken", "empty.txt");

        var error = Assert.Throws<SeedFormatException>(() => Parse(File.ReadAllText(path), path));

        Assert.Equal(path, error.Path);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Time_line_with_nothing_after_it_is_refused_for_want_of_a_lead()
    {
        var path = TestData.PathOf("broken", "no-lead.txt");

        var error = Assert.Throws<SeedFormatException>(() => Parse(File.ReadAllText(path), path));

        Assert.Equal(path, error.Path);
        // The file ends with the time line (3) and its newline: there is no line 4 to point at.
        Assert.Equal(3, error.Line);
        Assert.Contains("lead", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Không có giờ")]
    [InlineData("Không có giờ\n")]
    [InlineData("Không có giờ\r\n")]
    public void One_line_file_without_a_time_line_is_refused_at_line_1(string text)
    {
        var error = Assert.Throws<SeedFormatException>(() => Parse(text, "mot-dong.txt"));

        Assert.Equal(1, error.Line);
        Assert.Equal("mot-dong.txt:1: no time line in the form 'HH:mm, dd/MM/yyyy' was found", error.Message);
    }

    [Fact]
    public void Figure_straight_after_the_time_line_is_refused_for_want_of_a_lead()
    {
        var error = Assert.Throws<SeedFormatException>(() =>
            Parse("Tin mới\n17:03, 29/07/2021\nth\nChú thích ảnh\n\nĐoạn văn.\n", "inline.txt"));

        Assert.Contains("lead", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Byline_of_two_names_joined_by_a_hyphen_gives_two_authors()
    {
        var article = Parse(TestData.ReadText("two-bylines.txt"), "two-bylines.txt");

        Assert.Equal(["Hồng Chuyên", "Minh Thuận"], article.Authors);
        Assert.DoesNotContain("Minh Thuận", article.BodyHtml, StringComparison.Ordinal);
        Assert.Equal("<p>Đoạn thứ hai của bài viết.</p>", article.BodyHtml);
    }

    [Theory]
    [InlineData("Hồng Chuyên – Minh Thuận")]
    [InlineData("Hồng Chuyên, Minh Thuận")]
    [InlineData("Hồng Chuyên và Minh Thuận")]
    public void Byline_separators_other_than_a_hyphen_also_split_authors(string byline)
    {
        var article = Parse($"Tin mới\n17:03, 29/07/2021\nĐoạn mở đầu.\n\nĐoạn thứ hai.\n\n{byline}\n", "inline.txt");

        Assert.Equal(["Hồng Chuyên", "Minh Thuận"], article.Authors);
    }

    [Fact]
    public void Last_paragraph_that_is_a_sentence_is_not_taken_for_a_byline()
    {
        var article = Parse("Tin mới\n17:03, 29/07/2021\nĐoạn mở đầu.\n\nĐoạn kết thúc bài.\n", "inline.txt");

        Assert.Empty(article.Authors);
        Assert.Equal("<p>Đoạn kết thúc bài.</p>", article.BodyHtml);
    }

    [Fact]
    public void Control_characters_do_not_survive_into_title_lead_or_body()
    {
        var text = "Tin\u0001 mới\u000B\n17:03, 29/07/2021\nĐoạn\u0008 mở đầu\u000C.\n\nĐoạn\u0001 thứ\u001F hai\uFFFE.\n\nHồng\u0002 Chuyên\n";

        var article = Parse(text, "inline.txt");

        Assert.Equal("Tin mới", article.Title);
        Assert.Equal("Đoạn mở đầu.", article.Lead);
        Assert.Equal("<p>Đoạn thứ hai.</p>", article.BodyHtml);
        Assert.Equal(["Hồng Chuyên"], article.Authors);
    }

    // A line that cleans to nothing (control characters, an em space, an ideographic space) is as blank as an
    // empty line; today such a line crashes the parser with IndexOutOfRangeException or leaves "<p></p>".
    [Theory]
    [InlineData("\u0001")]
    [InlineData("\u2003")]
    [InlineData("\u3000")]
    public void Line_that_cleans_to_nothing_is_treated_as_blank(string invisible)
    {
        var afterTime = Parse($"Tin mới\n17:03, 29/07/2021\n{invisible}\nĐoạn mở đầu.\n", "inline.txt");
        var betweenParagraphs = Parse($"Tin mới\n17:03, 29/07/2021\nĐoạn mở đầu.\n{invisible}\nĐoạn hai.\n", "inline.txt");
        var atTheEnd = Parse($"Tin mới\n17:03, 29/07/2021\nĐoạn mở đầu.\n\nĐoạn hai.\n{invisible}\n", "inline.txt");
        var amongTeasers = Parse($"Tin mới\n17:03, 29/07/2021\nĐoạn mở đầu.\n\n\nBài liên quan\nTóm tắt.\n{invisible}\n", "inline.txt");

        Assert.Equal("Đoạn mở đầu.", afterTime.Lead);
        Assert.Equal("<p>Đoạn hai.</p>", betweenParagraphs.BodyHtml);
        Assert.Equal("<p>Đoạn hai.</p>", atTheEnd.BodyHtml);
        Assert.Equal([new RelatedLink("Bài liên quan", "Tóm tắt.")], amongTeasers.Related);
    }

    [Fact]
    public void Markup_in_the_text_is_escaped_not_interpreted()
    {
        var article = Parse("Tin <b>mới</b>\n17:03, 29/07/2021\nĐoạn mở đầu.\n\nA & B <script>x</script>.\n", "inline.txt");

        Assert.Equal("Tin <b>mới</b>", article.Title);
        Assert.Equal("<p>A &amp; B &lt;script&gt;x&lt;/script&gt;.</p>", article.BodyHtml);
    }

    [Fact]
    public void Decomposed_text_is_stored_composed()
    {
        var decomposed = SampleTitle.Normalize(System.Text.NormalizationForm.FormD);
        Assert.NotEqual(SampleTitle, decomposed);

        var article = Parse($"{decomposed}\n17:03, 29/07/2021\nĐoạn mở đầu.\n", "inline.txt");

        Assert.Equal(SampleTitle, article.Title);
    }
}
