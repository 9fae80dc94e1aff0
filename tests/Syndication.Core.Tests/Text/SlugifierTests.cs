using System.Text;
using Syndication.Core.Text;

namespace Syndication.Core.Tests.Text;

public sealed class SlugifierTests
{
    [Theory]
    [InlineData("Hồng Chuyên", "hong-chuyen")]
    [InlineData("Đắk Lắk", "dak-lak")]
    [InlineData("Chính trị", "chinh-tri")]
    [InlineData("Kinh tế", "kinh-te")]
    [InlineData("Xã hội", "xa-hoi")]
    [InlineData("ĐẢNG ỦY", "dang-uy")]
    [InlineData("  Tín dụng -- chính sách!! ", "tin-dung-chinh-sach")]
    [InlineData("(E-magazine) Kiến tạo kinh tế", "e-magazine-kien-tao-kinh-te")]
    [InlineData("Năm 2021: 5.568 tỷ đồng", "nam-2021-5-568-ty-dong")]
    [InlineData("tin-dung-chinh-sach", "tin-dung-chinh-sach")]
    [InlineData("!!! ---", "")]
    [InlineData("", "")]
    public void Text_becomes_lowercase_ascii_words_joined_by_hyphens(string text, string slug)
    {
        Assert.Equal(slug, Slugifier.Slugify(text));
    }

    [Theory]
    [InlineData("Hồng Chuyên")]
    [InlineData("Đắk Lắk")]
    [InlineData("Tăng cường sự lãnh đạo của Đảng đối với tín dụng chính sách xã hội")]
    public void Decomposed_text_gives_the_same_slug_as_composed_text(string composed)
    {
        var decomposed = composed.Normalize(NormalizationForm.FormD);
        Assert.NotEqual(composed, decomposed);

        Assert.Equal(Slugifier.Slugify(composed), Slugifier.Slugify(decomposed));
    }

    [Fact]
    public void Long_text_is_cut_at_a_hyphen_to_at_most_the_maximum_length()
    {
        var text = string.Join(' ', Enumerable.Repeat("nghiệp", 20));
        var full = string.Join('-', Enumerable.Repeat("nghiep", 20));

        var slug = Slugifier.Slugify(text);

        Assert.Equal(80, Slugifier.MaxLength);
        Assert.InRange(slug.Length, Slugifier.MaxLength - "nghiep-".Length, Slugifier.MaxLength);
        Assert.StartsWith(slug, full, StringComparison.Ordinal);
        Assert.Equal('-', full[slug.Length]);
        Assert.False(slug.EndsWith('-'));
    }

    [Fact]
    public void Long_text_without_hyphens_is_cut_at_the_maximum_length()
    {
        var slug = Slugifier.Slugify(new string('a', 200));

        Assert.Equal(new string('a', Slugifier.MaxLength), slug);
    }

    [Fact]
    public void Text_of_exactly_the_maximum_length_is_kept_whole()
    {
        var text = new string('a', 40) + " " + new string('b', 39);

        Assert.Equal(new string('a', 40) + "-" + new string('b', 39), Slugifier.Slugify(text));
    }

    [Fact]
    public void Slug_of_a_slug_is_itself()
    {
        var slug = Slugifier.Slugify("  Tín dụng -- chính sách!! ");

        Assert.Equal(slug, Slugifier.Slugify(slug));
    }
}
