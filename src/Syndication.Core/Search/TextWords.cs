using System.Text;

namespace Syndication.Core.Search;

/// <summary>Splits plain text into words exactly as <see cref="SearchText"/> does for the index, keeping each word's
/// spelling and place as well, so ranking can tell "cà phê" from "ca … phế" and snippets can mark what matched.</summary>
public static class TextWords
{
    public static IReadOnlyList<TextWord> Of(string text)
    {
        var words = new List<TextWord>();
        var exact = new StringBuilder();
        var folded = new StringBuilder();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length)
            {
                var c = text[i];
                // What folding drops (combining marks, apostrophes inside a word) neither ends a word nor belongs to it.
                if (c is >= '\u0300' and <= '\u036F' || SearchText.IsApostropheInWord(text, i))
                {
                    continue;
                }
                if (SearchText.IsWordChar(c))
                {
                    if (start < 0)
                    {
                        start = i;
                    }
                    exact.Append(char.ToLowerInvariant(c));
                    folded.Append(SearchText.FoldChar(c));
                    continue;
                }
            }
            if (start >= 0)
            {
                words.Add(new TextWord(start, i - start, exact.ToString(), folded.ToString()));
                exact.Clear();
                folded.Clear();
                start = -1;
            }
        }
        return words;
    }
}
