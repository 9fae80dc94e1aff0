using System.Text;

namespace Syndication.Core.Ingestion.Stories;

/// <summary>The numbers of folded text as tokens ("4/12", "1.200", "12,6"), leading zeros dropped from each group so
/// "05/12" and "5/12" are one date.</summary>
public static class StoryNumbers
{
    /// <summary>The distinct number tokens, in order of first appearance.</summary>
    public static IReadOnlyList<string> Of(string folded)
    {
        var numbers = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var token = new StringBuilder();
        var group = new StringBuilder();
        for (var i = 0; i <= folded.Length; i++)
        {
            var c = i < folded.Length ? folded[i] : ' ';
            if (char.IsAsciiDigit(c))
            {
                group.Append(c);
                continue;
            }
            // A separator between two digits joins them into one token (a date, a thousands group, a decimal).
            var joins = c is '/' or '.' or ',' or ':' or '-' && group.Length > 0 && i + 1 < folded.Length && char.IsAsciiDigit(folded[i + 1]);
            if (group.Length > 0)
            {
                // Zeros lead a day, month or hour ("05/12", "07:30"), not the digits after a thousands or decimal mark.
                var afterMark = token.Length > 0 && token[^1] is '.' or ',';
                token.Append(afterMark ? group.ToString() : TrimZeros(group.ToString()));
                group.Clear();
            }
            if (joins)
            {
                token.Append(c);
                continue;
            }
            // Letters glued to digits ("km1745", "qL14") belong to the token's word, not to it.
            if (token.Length > 0)
            {
                var text = token.ToString();
                if (seen.Add(text))
                {
                    numbers.Add(text);
                }
                token.Clear();
            }
        }
        return numbers;
    }

    /// <summary>The text up to the end of its first sentence (a full stop, question or exclamation mark followed by a
    /// space), so a date-led lead ("Sáng 4/12, …") counts and the rest of the body does not.</summary>
    public static string FirstSentence(string text)
    {
        for (var i = 0; i + 1 < text.Length; i++)
        {
            if (text[i] is '.' or '!' or '?' && text[i + 1] == ' ')
            {
                return text[..(i + 1)];
            }
        }
        return text;
    }

    private static string TrimZeros(string digits)
    {
        var trimmed = digits.TrimStart('0');
        return trimmed.Length == 0 ? "0" : trimmed;
    }
}
