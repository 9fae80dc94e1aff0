using System.Globalization;
using System.Text;

namespace Syndication.Core.Text;

/// <summary>Makes URL slugs from Vietnamese text: "Hồng Chuyên" → "hong-chuyen", "Đắk Lắk" → "dak-lak".</summary>
public static class Slugifier
{
    public const int MaxLength = 80;

    public static string Slugify(string text)
    {
        var decomposed = FoldVietnamese(text).Normalize(NormalizationForm.FormD);
        var slug = new StringBuilder(decomposed.Length);
        var pendingHyphen = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (pendingHyphen && slug.Length > 0)
                {
                    slug.Append('-');
                }
                pendingHyphen = false;
                slug.Append(char.ToLowerInvariant(c));
            }
            else
            {
                pendingHyphen = true;
            }
        }
        return Truncate(slug.ToString());
    }

    /// <summary>The slugs to try, in order, for a new item whose slug may be taken: the slug, then slug-2, slug-3…</summary>
    public static IEnumerable<string> Candidates(string slug)
    {
        yield return slug;
        for (var n = 2; ; n++)
        {
            yield return $"{slug}-{n}";
        }
    }

    /// <summary>Đ/đ are letters of their own, not D plus a mark, so decomposition alone leaves them.</summary>
    public static string FoldVietnamese(string text) => text.Replace('Đ', 'D').Replace('đ', 'd');

    private static string Truncate(string slug)
    {
        if (slug.Length <= MaxLength)
        {
            return slug;
        }
        var cut = slug.LastIndexOf('-', MaxLength);
        return cut > 0 ? slug[..cut] : slug[..MaxLength];
    }
}
