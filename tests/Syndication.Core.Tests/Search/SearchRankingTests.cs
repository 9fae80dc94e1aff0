using Syndication.Core.Search;

namespace Syndication.Core.Tests.Search;

public sealed class SearchRankingTests
{
    private const string Coffee = "Nông dân ở Ea Tu thu hoạch cà phê sớm vì giá cà phê tăng.";
    private const string Dengue = "Số ca mắc sốt xuất huyết tăng; người dân dọn vật dụng phế thải quanh nhà.";

    private static double Score(string query, string title, string text) => SearchRanking.Score(SearchQuery.Parse(query), title, text);

    [Fact]
    public void Words_typed_with_marks_rank_their_own_spelling_above_a_folded_match()
    {
        var coffee = Score("cà phê", "Mùa thu hoạch ở Ea Tu", Coffee);
        var dengue = Score("cà phê", "Phòng chống sốt xuất huyết", Dengue);

        Assert.True(coffee > dengue + 4, $"{coffee} against {dengue}");
    }

    [Fact]
    public void Without_marks_the_words_side_by_side_still_rank_first()
    {
        Assert.True(Score("ca phe", "Mùa thu hoạch", Coffee) > Score("ca phe", "Phòng chống sốt xuất huyết", Dengue) + 2);
    }

    [Fact]
    public void Words_side_by_side_rank_above_the_same_words_apart()
    {
        var together = Score("tín dụng", "Tin tức", "Vốn tín dụng ưu đãi cho hộ nghèo.");
        var apart = Score("tín dụng", "Tin tức", "Tín chấp là cách vay; hộ nghèo sử dụng vốn đúng mục đích.");

        Assert.True(together > apart, $"{together} against {apart}");
    }

    [Fact]
    public void A_match_in_the_title_ranks_above_the_same_match_in_the_body()
    {
        var title = Score("sầu riêng", "Giá sầu riêng tăng", "Nhà vườn phấn khởi.");
        var body = Score("sầu riêng", "Nhà vườn phấn khởi", "Giá sầu riêng tăng.");

        Assert.True(title > body, $"{title} against {body}");
    }

    [Fact]
    public void Dak_lak_typed_without_marks_finds_its_run_once_folded()
    {
        Assert.True(Score("dak lak", "Tin Đắk Lắk", "Đắk Lắk mùa mưa.") > Score("dak lak", "Tin khác", "Đắk Nông và Lắk."));
    }

    [Fact]
    public void A_prefix_term_matches_words_that_begin_so()
    {
        Assert.True(Score("chuyển đổi*", "Chuyển đổi số ở xã", "") > Score("chuyển đổi*", "Chuyển nhà, đổi đời", ""));
    }

    [Fact]
    public void Alternatives_are_each_a_run_of_their_own()
    {
        var query = SearchQuery.Parse("\"sầu riêng\" OR \"cà phê\"");

        Assert.True(query.HasAlternatives);
        Assert.True(SearchRanking.Score(query, "Giá cà phê", "") > SearchRanking.Score(query, "Phê duyệt giá cà chua", ""));
    }

    [Fact]
    public void The_engines_relevance_only_breaks_ties()
    {
        var query = SearchQuery.Parse("cà phê");

        Assert.True(SearchRanking.Score(query, "Giá cà phê", "", 0) > SearchRanking.Score(query, "Giá", "cà mắc phế", 1));
        Assert.True(SearchRanking.Score(query, "Giá cà phê", "", 1) > SearchRanking.Score(query, "Giá cà phê", "", 0));
    }

    [Fact]
    public void The_best_match_is_the_phrase_as_typed_before_a_folded_one()
    {
        const string text = "Trồng xen mắc ca, ca phe hữu cơ; sau đó là vườn cà phê già.";

        var at = SearchRanking.BestMatch(SearchQuery.Parse("cà phê"), TextWords.Of(text));

        Assert.Equal(text.IndexOf("cà phê", StringComparison.Ordinal), at);
    }
}
