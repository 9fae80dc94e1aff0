using System.Globalization;
using System.Text;
using Syndication.Core.Text;

namespace Syndication.Core.Tests.Text;

public sealed class NfcTests
{
    [Theory]
    [InlineData("")]
    [InlineData("plain ASCII, 1 < 2 & \"x\"")]
    [InlineData("Tỉnh Đắk Lắk phát triển kinh tế nông nghiệp — “cà phê” …")]
    [InlineData("ă â đ ê ô ơ ư Ă Â Đ Ê Ô Ơ Ư ạ ả ấ ầ ẩ ẫ ậ ắ ằ ẳ ẵ ặ ẹ ẻ ẽ ế ề ể ễ ệ ỉ ị ọ ỏ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ụ ủ ứ ừ ử ữ ự ỳ ỵ ỷ ỹ")]
    [InlineData("Tie\u0302\u0301ng Vie\u0323\u0302t")]
    [InlineData("a\u0323\u0302 o\u031b\u0300")]
    [InlineData("\u2000\u2001 wide spaces")]
    [InlineData("\u212b \u2126 \u212a")]
    [InlineData("\u1100\u1161\u11a8")]
    [InlineData("\uf900 \u0958 \u0344")]
    [InlineData("emoji 😀 and \u00a0 and \u20ac")]
    public void Normalize_equals_string_Normalize_FormC(string text)
    {
        Assert.Equal(text.Normalize(NormalizationForm.FormC), Nfc.Normalize(text));
    }

    [Fact]
    public void Every_character_taken_as_normalized_is_a_starter_nfc_keeps()
    {
        for (var code = 0; code <= 0xFFFF; code++)
        {
            var c = (char)code;
            if (char.IsSurrogate(c))
            {
                continue;
            }
            var known = Nfc.IsKnownNormalized([c]);
            // Long enough for the vectorised loop, with the character at every lane.
            Assert.Equal(known, Nfc.IsKnownNormalized(new string(c, 17)));
            Assert.Equal(known, Nfc.IsKnownNormalized("abcdefghijklmno" + c));
            if (!known)
            {
                continue;
            }
            var text = c.ToString();
            Assert.True(text.IsNormalized(NormalizationForm.FormC), $"U+{code:X4} is not NFC");
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            Assert.False(category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark,
                $"U+{code:X4} is a combining mark");
        }
    }

    [Fact]
    public void Precomposed_vietnamese_is_returned_as_the_same_instance()
    {
        var text = "Báo Đắk Lắk - Tin mới nhất";

        Assert.Same(text, Nfc.Normalize(text));
    }
}
