using Syndication.Core.Ingestion;
using Syndication.Core.Ingestion.Rules;

namespace Syndication.Core.Tests.Ingestion.Rules;

public sealed class RuleSetTests
{
    private const long Source = 7;

    private static ParsedEntry Entry(string title, string? content = null, string[]? categories = null, string[]? authors = null) =>
        new("id", "https://bao.example/a", title, null, null, authors ?? [], null, content, categories ?? [], []);

    private static EditorialRule Rule(long id, string action, string kind, string pattern, long? source = null)
    {
        var (parsedAction, label) = RuleText.ParseAction(action);
        return new EditorialRule(id, source, parsedAction, label, RuleText.ParseKind(kind), pattern);
    }

    private static RuleDecision Decide(ParsedEntry entry, params EditorialRule[] rules) => RuleSet.From(rules).Decide(entry, Source);

    [Theory]
    [InlineData("words", "xo so", "Kết quả xổ số miền Bắc", true)]
    [InlineData("words", "XỔ SỐ", "Ket qua xo so mien Bac", true)]
    [InlineData("words", "số xổ", "Kết quả xổ số miền Bắc", true)]
    [InlineData("words", "xổ số", "Xổ lồng đèn, số liệu", true)]
    [InlineData("words", "xổ số", "Kết quả bóng đá", false)]
    [InlineData("exact", "xổ số", "Kết quả Xổ Số miền Bắc", true)]
    [InlineData("exact", "xổ số", "Ket qua xo so mien Bac", false)]
    [InlineData("phrase", "xo so", "Kết quả xổ số miền Bắc", true)]
    [InlineData("phrase", "xổ số", "Xổ lồng đèn, số liệu", false)]
    [InlineData("phrase", "dak lak", "Giá cà phê ở Đắk Lắk tăng", true)]
    [InlineData("regex", @"\d+\.000 đồng", "Giá cà phê tăng 3.000 đồng/kg", true)]
    [InlineData("regex", "^quảng cáo", "Bài viết Quảng cáo", false)]
    public void A_pattern_matches_the_title_as_its_kind_says(string kind, string pattern, string title, bool matches)
    {
        var decision = Decide(Entry(title), Rule(1, "drop", kind, pattern));

        Assert.Equal(!matches, decision.Kept);
        Assert.Equal(matches ? [1L] : [], decision.Matched);
    }

    [Fact]
    public void Words_are_looked_for_in_the_plain_text_of_the_content_too()
    {
        var entry = Entry("Tin tức", "<p>Chương trình <b>khuyến mãi</b> đặc biệt</p>");

        Assert.False(Decide(entry, Rule(1, "drop", "words", "khuyen mai")).Kept);
        Assert.True(Decide(entry, Rule(1, "drop", "words", "p b")).Kept);
    }

    [Fact]
    public void Category_matches_a_whole_category_folded_and_author_a_run_of_words_in_one_author()
    {
        var entry = Entry("Tin", categories: ["Thể thao", "Bóng đá quốc tế"], authors: ["Nguyễn Văn Đức (TTXVN)"]);

        Assert.False(Decide(entry, Rule(1, "drop", "category", "THE THAO")).Kept);
        Assert.True(Decide(entry, Rule(1, "drop", "category", "bóng đá")).Kept);
        Assert.False(Decide(entry, Rule(1, "drop", "author", "ttxvn")).Kept);
        Assert.False(Decide(entry, Rule(1, "drop", "author", "van duc")).Kept);
        Assert.True(Decide(entry, Rule(1, "drop", "author", "duc van")).Kept);
    }

    [Fact]
    public void Drop_wins_over_keep_only_and_tags()
    {
        var decision = Decide(Entry("Xổ số và kinh tế"),
            Rule(1, "keep-only", "words", "kinh te"), Rule(2, "tag:kinh-te", "words", "kinh te"), Rule(3, "drop", "words", "xo so"));

        Assert.False(decision.Kept);
        Assert.Equal([1L, 2L, 3L], decision.Matched);
        Assert.Empty(decision.Tags);
    }

    [Fact]
    public void Keep_only_rules_of_a_scope_drop_entries_that_match_none_of_them()
    {
        EditorialRule[] rules = [Rule(1, "keep-only", "words", "kinh te"), Rule(2, "keep-only", "words", "chung khoan")];

        Assert.True(Decide(Entry("Thị trường chứng khoán"), rules).Kept);
        Assert.True(Decide(Entry("Kinh tế vĩ mô"), rules).Kept);
        Assert.False(Decide(Entry("Bóng đá"), rules).Kept);
    }

    [Fact]
    public void Each_scope_with_keep_only_rules_must_be_satisfied_and_other_sources_rules_are_ignored()
    {
        EditorialRule[] rules =
        [
            Rule(1, "keep-only", "words", "viet nam"),
            Rule(2, "keep-only", "words", "kinh te", source: Source),
            Rule(3, "drop", "words", "kinh te", source: Source + 1),
        ];

        Assert.True(Decide(Entry("Kinh tế Việt Nam"), rules).Kept);
        Assert.False(Decide(Entry("Kinh tế Nhật Bản"), rules).Kept);
        Assert.False(Decide(Entry("Bóng đá Việt Nam"), rules).Kept);
        Assert.Equal([1L, 2L], Decide(Entry("Kinh tế Việt Nam"), rules).Matched);
    }

    [Fact]
    public void A_kept_entry_gets_each_matching_tag_once()
    {
        var decision = Decide(Entry("Giá vàng và giá cà phê"),
            Rule(1, "tag:Giá cả", "words", "gia vang"), Rule(2, "tag:giá cả", "words", "ca phe"), Rule(3, "tag:the-thao", "words", "bong da"));

        Assert.True(decision.Kept);
        Assert.Equal(["Giá cả"], decision.Tags);
        Assert.Equal([1L, 2L], decision.Matched);
    }

    [Fact]
    public void A_regex_that_runs_out_of_time_counts_as_no_match_and_is_reported()
    {
        var entry = Entry(new string('a', 5000) + "!");

        var decision = Decide(entry, Rule(4, "drop", "regex", "^(a+)+$"));

        Assert.True(decision.Kept);
        Assert.Empty(decision.Matched);
        Assert.Equal([4L], decision.TimedOut);
    }

    [Fact]
    public void No_rules_keep_everything()
    {
        Assert.Same(RuleDecision.KeepUntouched, RuleSet.Empty.Decide(Entry("Bất kỳ"), Source));
    }

    [Theory]
    [InlineData("drop", "regex", "giá (cà", "pattern: invalid regular expression at position 7: insufficient closing parentheses")]
    [InlineData("drop", "words", "  ", "pattern: is empty")]
    [InlineData("drop", "phrase", "— … !", "pattern: '— … !' has no words")]
    public void A_bad_pattern_is_named_with_what_is_wrong(string action, string kind, string pattern, string message)
    {
        var error = Assert.Throws<RuleException>(() => RuleSet.From([Rule(1, action, kind, pattern)]));

        Assert.Equal("pattern", error.Part);
        Assert.StartsWith(message, error.Message);
    }

    [Theory]
    [InlineData("delete", "action: 'delete' is not one of drop, keep-only, tag:LABEL")]
    [InlineData("tag:", "action: tag needs a label")]
    public void A_bad_action_is_named(string action, string message)
    {
        var error = Assert.Throws<RuleException>(() => RuleText.ParseAction(action));

        Assert.Equal("action", error.Part);
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void A_bad_kind_is_named()
    {
        var error = Assert.Throws<RuleException>(() => RuleText.ParseKind("fuzzy"));

        Assert.Equal("kind: 'fuzzy' is not one of words, exact, phrase, regex, category, author", error.Message);
    }

    [Fact]
    public void Filtering_a_poll_keeps_the_rest_adds_tags_to_categories_and_counts_matches_per_rule()
    {
        var rules = RuleSet.From([Rule(1, "drop", "words", "xo so"), Rule(2, "tag:Cà phê", "phrase", "ca phe")]);
        ParsedEntry[] entries = [Entry("Xổ số hôm nay"), Entry("Giá cà phê", categories: ["Kinh tế"]), Entry("Cà phê và xổ số"), Entry("Bóng đá")];

        var filtering = rules.Filter(entries, Source);

        Assert.Equal(["Giá cà phê", "Bóng đá"], filtering.Kept.Select(entry => entry.Title));
        Assert.Equal(["Kinh tế", "Cà phê"], filtering.Kept[0].Categories);
        Assert.Same(entries[3], filtering.Kept[1]);
        Assert.Equal(2, filtering.Dropped);
        Assert.Equal(new Dictionary<long, int> { [1] = 2, [2] = 2 }, filtering.Matches);
    }
}
