using Syndication.Core.Text;

namespace Syndication.Core.Tests.Text;

public sealed class XmlCharsTests
{
    [Theory]
    [InlineData("a\u0000b", "ab")]
    [InlineData("a\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008b", "ab")]
    [InlineData("a\u000Bb", "ab")]
    [InlineData("a\u000Cb", "ab")]
    [InlineData("a\u000E\u0010\u001B\u001Fb", "ab")]
    [InlineData("a\uFFFEb", "ab")]
    [InlineData("a\uFFFFb", "ab")]
    [InlineData("\u0001", "")]
    [InlineData("tiêu đề\u0001", "tiêu đề")]
    public void Forbidden_characters_are_removed(string text, string expected)
    {
        Assert.Equal(expected, XmlChars.Strip(text));
    }

    // Lone surrogates cannot travel through attribute arguments or xunit's theory serialisation intact,
    // so this table stays inside the test.
    [Fact]
    public void Lone_surrogates_are_removed_and_pairs_kept()
    {
        (string Text, string Expected)[] cases =
        [
            ("a\uD800b", "ab"),
            ("a\uDC00b", "ab"),
            ("ends high \uD83D", "ends high "),
            ("\uDE00\uD83D reversed", " reversed"),
            ("\uD83D\uD83D\uDE00", "\uD83D\uDE00"),
            ("emoji \uD83D\uDE00 kept", "emoji \uD83D\uDE00 kept"),
        ];

        foreach (var (text, expected) in cases)
        {
            Assert.Equal(expected, XmlChars.Strip(text));
        }
    }

    [Theory]
    [InlineData("tab\there")]
    [InlineData("line\nfeed")]
    [InlineData("carriage\rreturn\r\n")]
    [InlineData("Tăng cường sự lãnh đạo của Đảng đối với tín dụng chính sách xã hội")]
    [InlineData("Emoji 😀 and 🇻🇳 flags")]
    [InlineData("\u0020\uD7FF\uE000\uFFFD")]
    [InlineData("")]
    public void Allowed_characters_are_kept_as_they_are(string text)
    {
        Assert.Equal(text, XmlChars.Strip(text));
    }

    [Fact]
    public void Text_with_nothing_to_remove_is_returned_without_copying()
    {
        const string text = "Đắk Lắk";

        Assert.Same(text, XmlChars.Strip(text));
    }

    [Fact]
    public void Null_stays_null()
    {
        Assert.Null(XmlChars.StripOrNull(null));
        Assert.Equal("ab", XmlChars.StripOrNull("a\u0001b"));
    }
}
