using Syndication.Core.Search;

namespace Syndication.Core.Tests.Search;

public sealed class SearchQueryTests
{
    [Theory]
    [InlineData("tín dụng", "\"tin\" AND \"dung\"")]
    [InlineData("Dak Lak", "\"dak\" AND \"lak\"")]
    [InlineData("\"tín dụng chính sách\"", "\"tin dung chinh sach\"")]
    [InlineData("cà phê OR sầu riêng", "\"ca\" AND (\"phe\" OR \"sau\") AND \"rieng\"")]
    [InlineData("\"cà phê\" OR \"sầu riêng\"", "(\"ca phe\" OR \"sau rieng\")")]
    [InlineData("cà phê -\"giá cả\"", "(\"ca\" AND \"phe\") NOT (\"gia ca\")")]
    [InlineData("chuyển đổi*", "\"chuyen\" AND \"doi\"*")]
    [InlineData("\"nông thôn mớ\"*", "\"nong thon mo\"*")]
    [InlineData("COVID-19", "\"covid 19\"")]
    [InlineData("t*", "\"t\"")]
    public void Searches_become_expressions_of_quoted_folded_words(string text, string expression)
    {
        Assert.Equal(expression, SearchQuery.Parse(text).Describe());
    }

    [Theory]
    [InlineData("title:\"cà phê\"", "\"title\" AND \"ca phe\"")]
    [InlineData("NEAR(cà phê, 5)", "\"near ca\" AND \"phe\" AND \"5\"")]
    [InlineData("cà AND phê NOT giá", "\"ca\" AND \"and\" AND \"phe\" AND \"not\" AND \"gia\"")]
    [InlineData("\"cà phê", "\"ca phe\"")]
    [InlineData("cà\"phê\"\"", "\"ca\" AND \"phe\"")]
    [InlineData("{title lead}: cà", "\"title\" AND \"lead\" AND \"ca\"")]
    [InlineData("cà^ phê + ( ) **", "\"ca\" AND \"phe\"")]
    [InlineData("OR cà OR", "\"ca\"")]
    [InlineData("cà OR OR phê", "(\"ca\" OR \"phe\")")]
    [InlineData("'; DROP TABLE articles; --", "\"drop\" AND \"table\" AND \"articles\"")]
    [InlineData("rowid:1 OR 1=1", "(\"rowid 1\" OR \"1 1\")")]
    public void Fts_syntax_in_a_search_is_read_as_words(string text, string expression)
    {
        Assert.Equal(expression, SearchQuery.Parse(text).Describe());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"\"")]
    [InlineData("* - ( ) : ^ \" ")]
    [InlineData("-cà -phê")]
    [InlineData("OR")]
    public void A_search_without_words_to_find_is_refused_with_a_plain_message(string text)
    {
        var error = Assert.Throws<SearchQueryException>(() => SearchQuery.Parse(text));

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.DoesNotContain("fts5", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_ten_kilobyte_search_is_refused_as_too_long()
    {
        var error = Assert.Throws<SearchQueryException>(() => SearchQuery.Parse(new string('a', 10 * 1024)));

        Assert.Contains("too long", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_search_of_too_many_words_is_refused()
    {
        var text = string.Join(' ', Enumerable.Range(0, SearchQuery.MaxWords + 1).Select(n => "w" + n));

        Assert.Throws<SearchQueryException>(() => SearchQuery.Parse(text));
    }

    [Fact]
    public void The_words_looked_for_leave_out_excluded_words_and_keep_prefixes_apart()
    {
        var query = SearchQuery.Parse("Đắk Lắk cà* -giá");

        Assert.Equal(["dak", "lak"], query.Words);
        Assert.Equal(["ca"], query.Prefixes);
    }
}
