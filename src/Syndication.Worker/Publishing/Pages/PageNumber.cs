using System.Globalization;

namespace Syndication.Worker.Publishing.Pages;

/// <summary>Which page of a list a request asks for: <c>?page=N</c>, counted from the newest (page 1, the default).</summary>
public static class PageNumber
{
    /// <summary>The page asked for, or null when <c>page</c> is not a whole number from 1.</summary>
    public static int? Parse(HttpRequest request)
    {
        var text = request.Query["page"].ToString();
        if (text.Length == 0)
        {
            return 1;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1 ? page : null;
    }

    /// <summary>The address of page <paramref name="page"/> of a list at <paramref name="path"/>; page 1 is the list's own address.</summary>
    public static string PathOf(string path, int page) =>
        page <= 1 ? path : string.Create(CultureInfo.InvariantCulture, $"{path}?page={page}");
}
