using Syndication.Core.Search;

namespace Syndication.Core.Tests.Search;

public sealed class RelatedTermsTests
{
    [Fact]
    public void Pairs_are_adjacent_words_weighted_by_their_part_and_broken_by_function_words()
    {
        var pairs = RelatedTerms.CountPairs([(SearchText.Fold("Tín dụng chính sách"), 3), (SearchText.Fold("Vốn tín dụng và các hộ"), 1)]);

        Assert.Equal(4, pairs["tin dung"]);
        Assert.Equal(3, pairs["dung chinh"]);
        Assert.Equal(1, pairs["von tin"]);
        Assert.False(pairs.ContainsKey("dung va"));
        Assert.False(pairs.ContainsKey("cac ho"));
    }

    [Fact]
    public void Rare_pairs_outweigh_common_ones_used_as_often()
    {
        var pairs = RelatedTerms.CountPairs([(SearchText.Fold("sầu riêng xuất khẩu. tỉnh Đắk Lắk"), 1)]);
        var documents = new Dictionary<string, long> { ["sau"] = 3, ["rieng"] = 4, ["tinh"] = 980, ["dak"] = 990, ["lak"] = 990 };

        var terms = RelatedTerms.Pick(pairs, word => RelatedTerms.Rarity(documents.GetValueOrDefault(word, 50), 1000), 2);

        Assert.Equal("sau rieng", terms[0].Term);
        Assert.DoesNotContain(terms, term => term.Term == "dak lak");
    }

    [Fact]
    public void Terms_are_found_as_phrases_within_one_part()
    {
        WeightedTerm[] terms = [new("tin dung", 1), new("ho ngheo", 1), new("ca phe", 1)];

        var found = RelatedTerms.FoundIn(terms, [SearchText.Fold("Vốn tín dụng đến với hộ"), SearchText.Fold("nghèo, cà-phê")]);

        Assert.Equal(["tin dung", "ca phe"], found);
    }
}
