using Syndication.Core.Search;

namespace Syndication.Worker.Search;

/// <summary>Why a search cannot run, said in Vietnamese for the search page (the feeds keep the plain English lines).</summary>
public static class SearchMessages
{
    public const string BadScope = "Phạm vi tìm không hợp lệ: chọn “bài của báo”, “tin từ các báo khác” hoặc cả hai.";

    public static string Of(SearchQueryProblem problem) => problem switch
    {
        SearchQueryProblem.OnlyExcluded => "Hãy gõ từ cần tìm, không chỉ những từ cần loại ra (-từ).",
        SearchQueryProblem.TooLong => $"Từ khóa quá dài: tối đa {SearchQuery.MaxLength} ký tự.",
        SearchQueryProblem.TooManyWords => $"Từ khóa có quá nhiều từ: tối đa {SearchQuery.MaxWords} từ.",
        _ => "Hãy gõ ít nhất một từ để tìm.",
    };
}
