namespace Syndication.Worker.Publishing.Pages;

/// <summary>One page of a list of articles, newest first, and where its neighbours are. <c>Path</c> is the list's
/// address below the site ("sections/kinh-te"); its pages add <c>?page=N</c>.</summary>
public sealed record ArticleList(IReadOnlyList<Core.Articles.Article> Articles, string Path, int Page, int PageCount, int Total)
{
    public string? Newer => Page > 1 ? PageNumber.PathOf(Path, Page - 1) : null;

    public string? Older => Page < PageCount ? PageNumber.PathOf(Path, Page + 1) : null;

    public string Position => $"Trang {Page}/{PageCount}";
}
