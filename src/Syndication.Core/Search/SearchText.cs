using System.Globalization;
using System.Text;
using Syndication.Core.Ingestion.Normalising;

namespace Syndication.Core.Search;

/// <summary>The one folding of text that both the search index and search queries go through: plain text, lower case, Vietnamese marks and đ folded away.</summary>
/// <remarks>
/// FTS5's unicode61 tokenizer with remove_diacritics folds "ụ" to "u" but keeps "đ" (U+0111) a letter of its own,
/// so "Dak Lak" would not find "Đắk Lắk". Folding here, before text reaches the index and before a query reaches
/// MATCH, makes both sides agree whatever the tokenizer does. Each UTF-16 unit folds to exactly one unit
/// (<see cref="FoldChar"/>) but for apostrophes inside words, which go; snippets fold unit by unit to keep offsets.
/// </remarks>
public static class SearchText
{
    // Latin letters with marks live in these two blocks; Vietnamese needs both (ắ is U+1EAF, ư is U+01B0).
    private static readonly char[] LatinFolds = BuildFolds('\u0080', '\u024F');
    private static readonly char[] LatinExtendedAdditionalFolds = BuildFolds('\u1E00', '\u1EFF');

    /// <summary>HTML (or plain text) as one line of plain text, unfolded; empty for null.</summary>
    public static string Plain(string? html) => PlainText.FromMarkup(html) ?? "";

    /// <summary>HTML (or plain text) to the folded plain text the index holds; empty for null.</summary>
    public static string FromHtml(string? html) =>
        html is null ? "" : Fold(PlainText.FromMarkup(html) ?? "");

    /// <summary>Plain text to folded text: "Đắk Lắk" → "dak lak". Stray combining marks (text that is not NFC) are dropped.</summary>
    public static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '\u0300' and <= '\u036F' || IsApostropheInWord(text, i))
            {
                continue;
            }
            folded.Append(FoldChar(c));
        }
        return folded.ToString();
    }

    /// <summary>
    /// Whether text[i] is an apostrophe inside a word: "M'Drắk", "M’Drắk" and "MDrắk" are one place, so the
    /// apostrophe goes and the word stays whole.
    /// </summary>
    public static bool IsApostropheInWord(string text, int i) =>
        text[i] is '\'' or '\u2019' or '\u02BC' && i > 0 && i + 1 < text.Length && IsWordChar(text[i - 1]) && IsWordChar(text[i + 1]);

    /// <summary>One unit folded: lower case, without its marks; đ/Đ become d.</summary>
    public static char FoldChar(char c) => c switch
    {
        < '\u0080' => char.ToLowerInvariant(c),
        <= '\u024F' => LatinFolds[c - '\u0080'],
        >= '\u1E00' and <= '\u1EFF' => LatinExtendedAdditionalFolds[c - '\u1E00'],
        _ => char.ToLowerInvariant(c),
    };

    /// <summary>Whether a unit is part of a word, as the index's tokenizer sees it (letters and numbers).</summary>
    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || char.IsNumber(c);

    /// <summary>The words of folded text, in order.</summary>
    public static IEnumerable<string> Words(string folded)
    {
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var inWord = i < folded.Length && IsWordChar(folded[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return folded[start..i];
                start = -1;
            }
        }
    }

    private static char[] BuildFolds(char first, char last)
    {
        var folds = new char[last - first + 1];
        for (var c = first; c <= last; c++)
        {
            folds[c - first] = c is 'đ' or 'Đ' or 'ð' or 'Ð' or 'ɖ' or 'Ɖ' ? 'd' : char.ToLowerInvariant(BaseLetter(c));
        }
        return folds;
    }

    private static char BaseLetter(char c)
    {
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        return decomposed.Length > 0 && (decomposed.Length == 1 || CharUnicodeInfo.GetUnicodeCategory(decomposed[1]) == UnicodeCategory.NonSpacingMark)
            ? decomposed[0]
            : c;
    }
}
