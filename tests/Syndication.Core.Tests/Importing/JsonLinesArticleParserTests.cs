using System.Text.Json.Nodes;
using Syndication.Core.Articles;
using Syndication.Core.Importing;

namespace Syndication.Core.Tests.Importing;

public sealed class JsonLinesArticleParserTests
{
    private const string Path = "seeds/articles.jsonl";

    private static readonly SectionCatalog Sections = new(
        new Dictionary<string, string>
        {
            ["thoi-su"] = "Thời sự",
            ["chinh-tri"] = "Chính trị",
            ["kinh-te"] = "Kinh tế",
            ["xa-hoi"] = "Xã hội",
        },
        "thoi-su");

    private readonly JsonLinesArticleParser _parser = new(TestData.ArchiveZone, Sections);

    /// <summary>A complete, valid article line; tests change one field of it at a time.</summary>
    private static JsonObject ValidArticle() => new()
    {
        ["slug"] = "tin-dung-chinh-sach",
        ["title"] = "Tăng cường  tín dụng\u0001 chính sách",
        ["lead"] = "Ban Thường vụ Tỉnh ủy vừa ban hành công văn.",
        ["body"] = """
            <p onclick="steal()">Đoạn một.</p><script>alert(1)</script>
            <figure><img src="https://example.test/a.jpg" alt="Ảnh"><figcaption>Cán bộ hỗ trợ người dân</figcaption></figure>
            """,
        ["authors"] = new JsonArray("Hồng Chuyên", "Minh Thuận"),
        ["section"] = "Kinh tế",
        ["tags"] = new JsonArray("tín dụng", "CSXH"),
        ["images"] = new JsonArray(
            new JsonObject { ["url"] = "https://example.test/a.jpg", ["caption"] = "Cán bộ hỗ trợ người dân", ["type"] = "image/jpeg", ["length"] = 12345 },
            new JsonObject { ["caption"] = "Ảnh không có địa chỉ" }),
        ["related"] = new JsonArray(
            new JsonObject { ["title"] = "(E-magazine) Kiến tạo kinh tế", ["summary"] = "Đắk Lắk không chỉ…", ["url"] = "https://example.test/kien-tao" }),
        ["published"] = "2021-07-29T17:03:00+07:00",
        ["updated"] = "2021-07-30T08:00:00Z",
    };

    private static string Line(JsonObject article) => article.ToJsonString();

    private static string With(string field, JsonNode? value)
    {
        var article = ValidArticle();
        article[field] = value;
        return Line(article);
    }

    private static string Without(string field)
    {
        var article = ValidArticle();
        article.Remove(field);
        return Line(article);
    }

    private ArticleContent ParseLine(string json) => _parser.ParseLine(json, Path, 7);

    [Fact]
    public void Valid_line_reads_every_field()
    {
        var article = ParseLine(Line(ValidArticle()));

        Assert.Equal("tin-dung-chinh-sach", article.Slug);
        Assert.Equal("jsonl:tin-dung-chinh-sach", article.SourceKey);
        Assert.Equal("Tăng cường tín dụng chính sách", article.Title);
        Assert.Equal("Ban Thường vụ Tỉnh ủy vừa ban hành công văn.", article.Lead);
        Assert.Equal(["Hồng Chuyên", "Minh Thuận"], article.Authors);
        Assert.Equal(new Section("kinh-te", "Kinh tế"), article.Section);
        Assert.Equal(["tín dụng", "CSXH"], article.Tags);
        Assert.Equal(
            [
                new ArticleImage("https://example.test/a.jpg", "Cán bộ hỗ trợ người dân", "image/jpeg", 12345),
                new ArticleImage(null, "Ảnh không có địa chỉ"),
            ],
            article.Images);
        Assert.Equal([new RelatedLink("(E-magazine) Kiến tạo kinh tế", "Đắk Lắk không chỉ…", "https://example.test/kien-tao")], article.Related);
        Assert.Equal(new DateTimeOffset(2021, 7, 29, 10, 3, 0, TimeSpan.Zero), article.Published);
        Assert.Equal(TimeSpan.Zero, article.Published.Offset);
        Assert.Equal(new DateTimeOffset(2021, 7, 30, 8, 0, 0, TimeSpan.Zero), article.Updated);
    }

    [Fact]
    public void Body_is_sanitised_keeping_figures_and_dropping_scripts_and_handlers()
    {
        var body = ParseLine(Line(ValidArticle())).BodyHtml;

        Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert", body, StringComparison.Ordinal);
        Assert.DoesNotContain("onclick", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<p>Đoạn một.</p>", body, StringComparison.Ordinal);
        Assert.Contains("<figure>", body, StringComparison.Ordinal);
        Assert.Contains("<figcaption>Cán bộ hỗ trợ người dân</figcaption>", body, StringComparison.Ordinal);
        Assert.Contains("src=\"https://example.test/a.jpg\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Body_loses_forbidden_characters_and_javascript_links()
    {
        var body = ParseLine(With("body", "<p>Đoạn\u0001 một\uFFFE.</p><a href=\"javascript:alert(1)\">x</a>")).BodyHtml;

        Assert.DoesNotContain('\u0001', body);
        Assert.DoesNotContain('\uFFFE', body);
        Assert.DoesNotContain("javascript", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Đoạn một.", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Kinh tế", "kinh-te", "Kinh tế")]
    [InlineData("kinh-te", "kinh-te", "Kinh tế")]
    [InlineData("KINH TẾ", "kinh-te", "Kinh tế")]
    public void Section_given_by_name_or_slug_resolves_through_the_catalog(string given, string slug, string name)
    {
        var article = ParseLine(With("section", given));

        Assert.Equal(new Section(slug, name), article.Section);
    }

    [Fact]
    public void Section_unknown_to_the_catalog_becomes_a_section_of_its_own()
    {
        Assert.Equal(new Section("van-hoa", "Văn hóa"), ParseLine(With("section", "Văn hóa")).Section);
    }

    [Fact]
    public void Article_without_a_section_goes_to_the_default_section()
    {
        Assert.Equal(new Section("thoi-su", "Thời sự"), ParseLine(Without("section")).Section);
    }

    [Theory]
    [InlineData("2021-07-29T17:03:00+07:00")]
    [InlineData("2021-07-29T10:03:00Z")]
    [InlineData("2021-07-29T10:03:00+00:00")]
    [InlineData("2021-07-29T05:03:00-05:00")]
    [InlineData("2021-07-29T17:03:00")]
    [InlineData("2021-07-29 17:03:00")]
    public void Published_is_converted_to_utc_reading_times_without_an_offset_in_the_archive_zone(string published)
    {
        var article = ParseLine(With("published", published));

        Assert.Equal(new DateTimeOffset(2021, 7, 29, 10, 3, 0, TimeSpan.Zero), article.Published);
        Assert.Equal(TimeSpan.Zero, article.Published.Offset);
    }

    // ISO 8601 allows an offset of hours only. Today "+07" slips past the offset check, so the value is shifted
    // into the machine's zone and then read again in the archive zone: 03:03Z on a UTC machine.
    [Fact]
    public void Published_with_an_hours_only_offset_is_read_with_that_offset()
    {
        var article = ParseLine(With("published", "2021-07-29T17:03:00+07"));

        Assert.Equal(new DateTimeOffset(2021, 7, 29, 10, 3, 0, TimeSpan.Zero), article.Published);
    }

    // The error message promises ISO 8601. Today a bare time is dated with the machine's today, and
    // "07/08/2021" is read month first (8 July) where a Vietnamese editor means 7 August.
    [Theory]
    [InlineData("17:03")]
    [InlineData("07/08/2021")]
    [InlineData("July 29, 2021")]
    public void Published_that_is_not_an_iso_8601_date_is_refused(string published)
    {
        var error = Assert.Throws<SeedFormatException>(() => ParseLine(With("published", published)));

        Assert.Contains("field 'published'", error.Problem, StringComparison.Ordinal);
    }

    // A date at the end of the calendar broke relating for good (its window ran past DateTimeOffset.MaxValue), and an
    // offset before year 1 is no instant at all: an article may be dated from 1900 to five years ahead.
    [Theory]
    [InlineData("published", "9999-12-31T20:00:00Z")]
    [InlineData("published", "0001-01-01T00:00:00+14:00")]
    [InlineData("published", "1899-12-31T23:59:59Z")]
    [InlineData("updated", "9000-01-01")]
    public void A_date_outside_the_accepted_range_is_refused_naming_its_field(string field, string value)
    {
        var error = Assert.Throws<SeedFormatException>(() => ParseLine(With(field, value)));

        Assert.Contains($"field '{field}'", error.Problem, StringComparison.Ordinal);
        Assert.Contains("outside the dates an article may carry (from 1900-01-01 to", error.Problem, StringComparison.Ordinal);
        Assert.Equal(7, error.Line);
    }

    [Fact]
    public void An_embargo_within_five_years_is_accepted()
    {
        var ahead = DateTimeOffset.UtcNow.AddYears(4);

        var article = ParseLine(With("published", ahead.ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(ahead.Year, article.Published.Year);
    }

    [Fact]
    public void Absent_optional_fields_give_nulls_and_empty_lists()
    {
        var article = ValidArticle();
        foreach (var field in new[] { "lead", "authors", "tags", "images", "related", "updated" })
        {
            article.Remove(field);
        }

        var parsed = ParseLine(Line(article));

        Assert.Null(parsed.Lead);
        Assert.Null(parsed.Updated);
        Assert.Empty(parsed.Authors);
        Assert.Empty(parsed.Tags);
        Assert.Empty(parsed.Images);
        Assert.Empty(parsed.Related);
    }

    [Fact]
    public void Repeated_and_blank_tags_are_dropped()
    {
        var article = ParseLine(With("tags", new JsonArray("tín dụng", " tín dụng ", "", "CSXH")));

        Assert.Equal(["tín dụng", "CSXH"], article.Tags);
    }

    public static TheoryData<string, string> BrokenLines => new()
    {
        { Without("slug"), "field 'slug'" },
        { With("slug", ""), "field 'slug'" },
        { With("slug", "Có Dấu"), "field 'slug'" },
        { With("slug", 42), "field 'slug'" },
        { Without("title"), "field 'title'" },
        { Without("body"), "field 'body'" },
        { Without("published"), "field 'published'" },
        { With("published", "yesterday"), "field 'published'" },
        { With("updated", "not a date"), "field 'updated'" },
        { With("tags", "tín dụng"), "field 'tags'" },
        { With("tags", new JsonArray("tín dụng", 3)), "field 'tags'" },
        { With("authors", new JsonObject()), "field 'authors'" },
        { With("images", new JsonArray(new JsonObject { ["caption"] = "ok" }, "not an object")), "field 'images[1]'" },
        { With("images", new JsonArray(new JsonObject { ["url"] = "ftp://example.test/a.jpg" })), "field 'images[0].url'" },
        { With("images", new JsonArray(new JsonObject { ["length"] = -1 })), "field 'images[0].length'" },
        { With("related", new JsonArray(new JsonObject { ["summary"] = "no title" })), "field 'related[0].title'" },
        { "{\"slug\": \"tin\", ", "not valid JSON" },
        { "[1, 2, 3]", "expected a JSON object" },
    };

    [Theory]
    [MemberData(nameof(BrokenLines))]
    public void Broken_line_is_refused_naming_the_field_and_the_line(string json, string expected)
    {
        var error = Assert.Throws<SeedFormatException>(() => ParseLine(json));

        Assert.Equal(Path, error.Path);
        Assert.Equal(7, error.Line);
        Assert.Contains(expected, error.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"{Path}:7: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_json_names_the_byte_of_its_line_not_the_parsers_line_0()
    {
        var error = Assert.Throws<SeedFormatException>(() => ParseLine("{\"slug\": \"tin\", x}"));

        Assert.StartsWith($"{Path}:7: not valid JSON at byte 17: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Slug_with_diacritics_is_refused_with_a_suggestion()
    {
        var error = Assert.Throws<SeedFormatException>(() => ParseLine(With("slug", "Có Dấu")));

        Assert.Contains("'co-dau'", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void File_with_one_bad_line_returns_the_good_articles_and_one_error_at_that_line()
    {
        var path = TestData.PathOf("mixed.jsonl");

        var result = _parser.Parse(File.ReadAllText(path), path);

        Assert.Equal([1, 4], result.Articles.Select(article => article.Line));
        Assert.Equal(["tin-dung-chinh-sach", "kien-tao-kinh-te"], result.Articles.Select(article => article.Article.Slug));
        Assert.Equal(new Section("kinh-te", "Kinh tế"), result.Articles[1].Article.Section);
        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Path);
        Assert.Equal(3, error.Line);
        Assert.Contains("field 'slug'", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"slug": "bai-hai", "title": "Tiêu đề \ud800", "published": "2021-07-29T17:03:00+07:00", "body": "<p>x</p>"}""", "title")]
    [InlineData("""{"slug": "bai-hai", "title": "T", "published": "2021-07-29T17:03:00+07:00", "body": "<p>\udfff</p>"}""", "body")]
    [InlineData("""{"slug": "bai-hai", "title": "T", "published": "2021-07-29T17:03:00+07:00", "body": "<p>x</p>", "tags": ["a", "\ud800"]}""", "tags[1]")]
    [InlineData("""{"slug": "bai-hai", "title": "T", "published": "2021-07-29T17:03:00+07:00", "body": "<p>x</p>", "related": [{"title": "\udc00x"}]}""", "related[0].title")]
    public void Line_with_a_lone_surrogate_is_refused_naming_the_field_and_the_other_lines_are_read(string bad, string field)
    {
        var text = string.Join('\n', With("slug", "bai-mot"), bad, With("slug", "bai-ba"));

        var result = _parser.Parse(text, Path);

        Assert.Equal([(1, "bai-mot"), (3, "bai-ba")], result.Articles.Select(article => (article.Line, article.Article.Slug)));
        var error = Assert.Single(result.Errors);
        Assert.Equal((2, field), (error.Line, error.Field));
        Assert.Contains("surrogate", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void File_with_crlf_line_endings_and_a_byte_order_mark_reads_the_same()
    {
        var path = TestData.PathOf("mixed.jsonl");
        var text = File.ReadAllText(path);

        var plain = _parser.Parse(text, path);
        var windows = _parser.Parse("\uFEFF" + text.Replace("\n", "\r\n", StringComparison.Ordinal), path);

        Assert.Equal(plain.Articles.Select(a => (a.Line, a.Article.ComputeHash())), windows.Articles.Select(a => (a.Line, a.Article.ComputeHash())));
        Assert.Equal(plain.Errors.Select(e => e.Line), windows.Errors.Select(e => e.Line));
    }

    [Fact]
    public void A_correction_may_be_a_string_or_an_object_with_its_time()
    {
        var plain = ValidArticle();
        plain["correction"] = "Tên xã đúng là Cư Pui.";
        var timed = ValidArticle();
        timed["correction"] = new JsonObject { ["text"] = "Tên xã đúng là Cư Pui.", ["time"] = "2021-07-30T08:15:00+07:00" };

        var fromString = _parser.ParseLine(plain.ToJsonString(), Path, 1);
        var fromObject = _parser.ParseLine(timed.ToJsonString(), Path, 1);

        Assert.Equal(new ArticleCorrection("Tên xã đúng là Cư Pui."), fromString.Correction);
        Assert.Equal(new ArticleCorrection("Tên xã đúng là Cư Pui.", new DateTimeOffset(2021, 7, 30, 1, 15, 0, TimeSpan.Zero)), fromObject.Correction);
        Assert.Null(_parser.ParseLine(ValidArticle().ToJsonString(), Path, 1).Correction);
    }

    public static TheoryData<string, string> BadCorrections => new()
    {
        { "42", "correction" },
        { "[]", "correction" },
        { "\"\"", "correction" },
        { "{\"time\": \"2021-07-30T08:15:00+07:00\"}", "correction.text" },
        { "{\"text\": 7}", "correction.text" },
        { "{\"text\": \"Sửa\", \"time\": \"30/07/2021\"}", "correction.time" },
        { "{\"text\": \"Sửa\", \"when\": \"2021-07-30\"}", "correction.when" },
        { "\"" + new string('x', ArticleCorrection.MaxLength + 1) + "\"", "correction" },
    };

    [Theory]
    [MemberData(nameof(BadCorrections))]
    public void A_bad_correction_is_refused_naming_the_field(string correction, string field)
    {
        var article = ValidArticle();
        article["correction"] = JsonNode.Parse(correction);

        var error = Assert.Throws<SeedFormatException>(() => _parser.ParseLine(article.ToJsonString(), Path, 3));

        Assert.Equal(field, error.Field);
        Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.Line);
    }
}
