using System.Globalization;

namespace Syndication.Worker.Publishing.Pages;

/// <summary>A month of the archive: its articles (one page of them) and the nearest months before and after that have articles.</summary>
public sealed record MonthPageModel(DateOnly Month, ArticleList List, DateOnly? Previous, DateOnly? Next)
{
    public static string PathOf(DateOnly month) => string.Create(CultureInfo.InvariantCulture, $"archive/{month.Year:D4}-{month.Month:D2}");

    public static string Name(DateOnly month) => string.Create(CultureInfo.InvariantCulture, $"Tháng {month.Month}/{month.Year:D4}");
}
