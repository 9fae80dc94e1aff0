using Syndication.Core.Search;

namespace Syndication.Core.Tests.Search;

public sealed class SearchSnippetTests
{
    [Fact]
    public void A_short_text_is_the_whole_snippet_as_plain_text()
    {
        Assert.Equal("Giá cà phê tăng mạnh.", SearchSnippet.Around("<p>Giá <b>cà phê</b> tăng mạnh.</p>", SearchQuery.Parse("ca phe")));
    }

    [Fact]
    public void A_long_text_is_cut_around_the_first_match_in_its_own_spelling()
    {
        var filler = string.Join(' ', Enumerable.Repeat("Người dân phấn khởi đón mùa vụ mới.", 20));
        var html = $"<p>{filler}</p><p>Vốn tín dụng chính sách giúp hộ nghèo ở Đắk Lắk.</p><p>{filler}</p>";

        var snippet = SearchSnippet.Around(html, SearchQuery.Parse("dak lak"), 120);

        Assert.Contains("Đắk Lắk", snippet, StringComparison.Ordinal);
        Assert.StartsWith("…", snippet, StringComparison.Ordinal);
        Assert.EndsWith("…", snippet, StringComparison.Ordinal);
        Assert.True(snippet.Length <= 122);
    }
}
