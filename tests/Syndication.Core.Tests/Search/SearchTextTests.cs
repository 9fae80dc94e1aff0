using System.Text;
using Syndication.Core.Search;

namespace Syndication.Core.Tests.Search;

public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Tín dụng", "tin dung")]
    [InlineData("Đắk Lắk", "dak lak")]
    [InlineData("ĐẢNG ỦY", "dang uy")]
    [InlineData("Buôn Ma Thuột", "buon ma thuot")]
    [InlineData("Ứng dụng chuyển đổi số", "ung dung chuyen doi so")]
    [InlineData("Krông Pắc: 5.568 tỷ đồng", "krong pac: 5.568 ty dong")]
    [InlineData("tin dung", "tin dung")]
    [InlineData("M'Drắk, M’Drắk, MDrắk", "mdrak, mdrak, mdrak")]
    [InlineData("'Ea Kly'", "'ea kly'")]
    public void Folding_drops_case_marks_and_the_stroke_of_d(string text, string folded)
    {
        Assert.Equal(folded, SearchText.Fold(text));
    }

    [Fact]
    public void Decomposed_text_folds_like_composed_text()
    {
        const string composed = "Tăng cường sự lãnh đạo của Đảng đối với tín dụng chính sách";

        Assert.Equal(SearchText.Fold(composed), SearchText.Fold(composed.Normalize(NormalizationForm.FormD)));
    }

    [Fact]
    public void Html_folds_to_its_words_without_tags_or_entities()
    {
        var folded = SearchText.FromHtml("<p>Giá <b>cà phê</b> tăng&nbsp;mạnh<br>tại Đắk&nbsp;Lắk</p><script>var x = 1;</script>");

        Assert.Equal(["gia", "ca", "phe", "tang", "manh", "tai", "dak", "lak"], SearchText.Words(folded));
    }

    [Fact]
    public void Folding_a_composed_letter_keeps_its_place()
    {
        const string text = "Ở Đắk Lắk, người dân ươm cà phê";

        Assert.Equal(text.Length, SearchText.Fold(text).Length);
        Assert.All(text, c => Assert.Equal(1, SearchText.Fold(c.ToString()).Length));
        Assert.All(text, c => Assert.Equal(SearchText.Fold(c.ToString()), SearchText.FoldChar(c).ToString()));
    }
}
