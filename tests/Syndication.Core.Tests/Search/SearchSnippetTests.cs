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

    [Fact]
    public void Marked_words_highlight_their_own_spelling_when_the_snippet_has_it()
    {
        var parts = SearchSnippet.Highlight("Trồng xen mắc ca trong vườn cà phê.", SearchQuery.Parse("cà phê"));

        Assert.Equal(["cà", "phê"], parts.Where(part => part.Matched).Select(part => part.Text));
        Assert.Equal("Trồng xen mắc ca trong vườn cà phê.", string.Concat(parts.Select(part => part.Text)));
    }

    [Fact]
    public void A_folded_only_hit_still_shows_what_matched()
    {
        var parts = SearchSnippet.Highlight("Số ca mắc tăng; dọn vật dụng phế thải.", SearchQuery.Parse("cà phê"));

        Assert.Equal(["ca", "phế"], parts.Where(part => part.Matched).Select(part => part.Text));
    }

    [Fact]
    public void The_best_snippet_starts_near_the_phrase_as_typed()
    {
        var filler = string.Join(' ', Enumerable.Repeat("Người dân phấn khởi đón mùa vụ mới, mắc ca và hồ tiêu được giá.", 12));
        var plain = $"{filler} Vườn cà phê già cỗi được tái canh. {filler}";

        var snippet = SearchSnippet.Best(plain, SearchQuery.Parse("cà phê"), 120);

        Assert.Contains("cà phê", snippet, StringComparison.Ordinal);
    }
}
