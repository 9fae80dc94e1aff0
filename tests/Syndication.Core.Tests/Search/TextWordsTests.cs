using Syndication.Core.Search;

namespace Syndication.Core.Tests.Search;

public sealed class TextWordsTests
{
    [Theory]
    [InlineData("Giá cà phê ở Đắk Lắk tăng 3.000 đồng/kg")]
    [InlineData("Cư M'gar và M’Drắk: \"Krông Pắc\" – Ea H'leo")]
    [InlineData("Tie\u0302\u0301ng Vie\u0323\u0302t chưa chuẩn hóa")]
    public void Words_fold_exactly_as_the_index_folds_them(string text)
    {
        var words = TextWords.Of(text);

        Assert.Equal(SearchText.Words(SearchText.Fold(text)), words.Select(word => word.Folded));
    }

    [Fact]
    public void Each_word_keeps_its_place_and_its_spelling()
    {
        const string text = "Vườn cà phê của H'Mai";

        var words = TextWords.Of(text);

        Assert.Equal(["vườn", "cà", "phê", "của", "hmai"], words.Select(word => word.Exact));
        Assert.Equal("H'Mai", text.Substring(words[^1].Start, words[^1].Length));
        Assert.Equal("cà", text.Substring(words[1].Start, words[1].Length));
    }
}
