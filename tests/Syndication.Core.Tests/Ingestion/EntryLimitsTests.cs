using System.Text;
using System.Xml.Linq;
using Syndication.Core.Ingestion;
using Syndication.Core.Ingestion.Normalising;
using static Syndication.Core.Tests.Ingestion.FeedFixtures;

namespace Syndication.Core.Tests.Ingestion;

/// <summary>A hostile source's 9 MB title was stored and republished; every stored field of an entry has a limit.</summary>
public sealed class EntryLimitsTests
{
    private static string Item(string title, string link, string description, string categories = "", string authors = "") => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Nguồn thử</title><link>https://nguon.example/</link>
        <item><title>{title}</title><link>{link}</link><guid>https://nguon.example/a</guid>
        <description>{description}</description>{categories}{authors}<pubDate>Tue, 01 Dec 2026 08:00:00 +0700</pubDate></item>
        </channel></rss>
        """;

    [Fact]
    public void A_huge_title_is_cut_to_its_limit_with_an_ellipsis()
    {
        var title = string.Concat(Enumerable.Repeat("Giá cà phê tăng mạnh ", 500_000));

        var entry = ParseText(Item(title, "https://nguon.example/a", "Tóm tắt")).Entries.Single();

        Assert.Equal(EntryLimits.Title, entry.Title!.Length);
        Assert.EndsWith("…", entry.Title, StringComparison.Ordinal);
        Assert.StartsWith("Giá cà phê tăng mạnh Giá", entry.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_summary_is_cut_and_stays_balanced_html()
    {
        var paragraphs = string.Concat(Enumerable.Repeat("&lt;p&gt;Đoạn &lt;b&gt;đậm&lt;/b&gt; và &lt;a href=\"https://nguon.example/x\"&gt;liên kết&lt;/a&gt;&lt;/p&gt;", 20_000));

        var summary = ParseText(Item("Tin", "https://nguon.example/a", paragraphs)).Entries.Single().Summary!;

        Assert.InRange(summary.Length, EntryLimits.SummaryHtml / 2, EntryLimits.SummaryHtml);
        // Well-formed once wrapped: no tag cut in two, every element closed.
        var root = XElement.Parse("<root>" + summary.Replace("&nbsp;", "&#160;", StringComparison.Ordinal) + "</root>");
        Assert.NotEmpty(root.Elements("p"));
    }

    [Fact]
    public void A_link_past_its_limit_is_dropped_and_names_past_theirs_are_cut_and_counted()
    {
        var link = "https://nguon.example/" + new string('a', EntryLimits.Link);
        var categories = string.Concat(Enumerable.Range(0, 80).Select(i => $"<category>Chủ đề {i} {new string('x', i == 0 ? 500 : 1)}</category>"));

        var entry = ParseText(Item("Tin", link, "Tóm tắt", categories, $"<author>{new string('N', 5_000)}</author>")).Entries.Single();

        Assert.Null(entry.Link);
        Assert.Equal(EntryLimits.Categories, entry.Categories.Count);
        Assert.Equal(EntryLimits.Name, entry.Categories[0].Length);
        Assert.Equal(EntryLimits.Name, Assert.Single(entry.Authors).Length);
    }

    [Fact]
    public void A_feed_keeps_its_first_entries_up_to_the_limit()
    {
        var items = string.Concat(Enumerable.Range(0, EntryLimits.Entries + 500).Select(n =>
            $"<item><title>Tin {n}</title><guid>https://nguon.example/{n}</guid></item>"));

        var feed = ParseText($"<rss version=\"2.0\"><channel><title>Nhiều tin</title>{items}</channel></rss>");

        Assert.Equal(EntryLimits.Entries, feed.Entries.Count);
        Assert.Equal(("Tin 0", $"Tin {EntryLimits.Entries - 1}"), (feed.Entries[0].Title, feed.Entries[^1].Title));
    }

    [Fact]
    public void A_description_of_ten_megabytes_is_cleaned_only_as_far_as_can_be_kept()
    {
        var paragraph = "&lt;p&gt;Giá cà phê hôm nay tăng mạnh ở Đắk Lắk.&lt;/p&gt;";
        var description = string.Concat(Enumerable.Repeat(paragraph, 10 * 1024 * 1024 / paragraph.Length));

        var summary = ParseText(Item("Tin", "https://nguon.example/a", description)).Entries.Single().Summary!;

        Assert.InRange(summary.Length, EntryLimits.SummaryHtml / 2, EntryLimits.SummaryHtml);
        Assert.EndsWith("</p>", summary, StringComparison.Ordinal);
    }

    // Only so much of one element's text is kept while reading; what follows a huge element must still be read.
    [Fact]
    public void The_fields_after_a_huge_title_are_read_as_usual()
    {
        var title = string.Concat(Enumerable.Repeat("Lũ quét ở Lâm Đồng ", 200_000));

        var entry = ParseText(Item(title, "https://nguon.example/sau-tieu-de", "Tóm tắt sau")).Entries.Single();

        Assert.Equal(EntryLimits.Title, entry.Title!.Length);
        Assert.Equal("https://nguon.example/sau-tieu-de", entry.Link);
        Assert.Equal("Tóm tắt sau", entry.Summary);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero), entry.Published);
    }

    [Fact]
    public void A_huge_description_of_unescaped_markup_is_cut_and_stays_balanced_html()
    {
        var markup = string.Concat(Enumerable.Repeat("<p>Đoạn <b>đậm</b> về giá lúa</p>", 150_000));

        var summary = ParseText(Item("Tin", "https://nguon.example/a", markup)).Entries.Single().Summary!;

        Assert.InRange(summary.Length, EntryLimits.SummaryHtml / 2, EntryLimits.SummaryHtml);
        Assert.NotEmpty(XElement.Parse("<root>" + summary + "</root>").Elements("p"));
    }

    [Fact]
    public void Enclosures_keep_the_first_distinct_usable_ones_up_to_the_limit()
    {
        var tooLong = "https://nguon.example/" + new string('a', EntryLimits.Link) + ".jpg";
        var enclosures = string.Concat(
            Enumerable.Range(0, 3_000).Select(n => $"https://nguon.example/{n}.jpg")
                .Prepend("https://nguon.example/0.jpg").Prepend(tooLong)
                .Select(url => $"<enclosure url=\"{url}\" length=\"10\" type=\"image/jpeg\"/>"));

        var entry = ParseText(Item("Tin", "https://nguon.example/a", "Tóm tắt", enclosures)).Entries.Single();

        Assert.Equal(
            Enumerable.Range(0, EntryLimits.Enclosures).Select(n => $"https://nguon.example/{n}.jpg"),
            entry.Enclosures.Select(e => e.Url));
    }

    [Fact]
    public void Names_keep_the_first_distinct_ones_and_repeats_do_not_use_up_the_limit()
    {
        var categories = string.Concat(Enumerable.Repeat("<category>Thời sự</category><category>THỜI SỰ</category>", 2_000)
            .Concat(Enumerable.Range(0, 5_000).Select(n => $"<category>Chủ đề {n}</category>")));

        var entry = ParseText(Item("Tin", "https://nguon.example/a", "Tóm tắt", categories)).Entries.Single();

        Assert.Equal(
            Enumerable.Range(0, EntryLimits.Categories - 1).Select(n => $"Chủ đề {n}").Prepend("Thời sự"),
            entry.Categories);
    }

    // 20,000 nested elements took the sanitiser 5.6 s (its time grows with the square of the depth): markup that deep
    // is an attack, and only its text is kept.
    [Fact]
    public void Markup_nested_past_the_limit_keeps_its_text_only()
    {
        var nested = string.Concat(Enumerable.Repeat("&lt;div&gt;", 100_000)) + "sâu" + string.Concat(Enumerable.Repeat("&lt;/div&gt;", 100_000));

        var summary = ParseText(Item("Tin", "https://nguon.example/a", nested)).Entries.Single().Summary;

        Assert.Equal("sâu", summary);
    }

    [Theory]
    [InlineData("<p>a</p><p>b</p>", 1)]
    [InlineData("<div><p>a<br>b<img src=\"x\"/></p></div>", 2)]
    [InlineData("<ul><li><b><i>x</i></b></li></ul>", 4)]
    [InlineData("text < 5 and </p> stray", 0)]
    public void Nesting_depth_counts_open_elements_and_not_void_ones(string html, int depth)
    {
        Assert.Equal(depth, HtmlCleaner.NestingDepth(html));
    }

    [Fact]
    public void An_ordinary_entry_is_left_as_it_is()
    {
        var entry = ParseText(Item("Tin ngắn", "https://nguon.example/a", "&lt;p&gt;Tóm tắt&lt;/p&gt;")).Entries.Single();

        Assert.Equal("Tin ngắn", entry.Title);
        Assert.Equal("https://nguon.example/a", entry.Link);
        Assert.Equal("<p>Tóm tắt</p>", entry.Summary);
    }

    [Fact]
    public void An_entry_within_every_limit_is_the_same_instance_even_with_fields_left_out()
    {
        var entry = new ParsedEntry(null, null, "Tin", null, null, [], null, null, [], []);

        Assert.Same(entry, EntryLimits.Apply(entry, null));
    }

    [Theory]
    [InlineData(5, "abcde")]
    [InlineData(4, "abc…")]
    public void Cut_keeps_text_that_fits_and_marks_text_that_does_not(int limit, string expected)
    {
        Assert.Equal(expected, EntryLimits.Cut("abcde", limit));
    }

    [Fact]
    public void Cut_never_leaves_half_a_surrogate_pair()
    {
        var text = "ab" + char.ConvertFromUtf32(0x1F4F0) + "cd";

        var cut = EntryLimits.Cut(text, 4)!;

        Assert.Equal("ab…", cut);
        Assert.Equal(cut, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(cut)));
    }
}
