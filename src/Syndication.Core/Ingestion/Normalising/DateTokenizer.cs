using Syndication.Core.Text;

namespace Syndication.Core.Ingestion.Normalising;

/// <summary>Splits a date string into numbers, lower-case words and symbols, noting where whitespace was.</summary>
internal static class DateTokenizer
{
    private const int MaxDigits = 9;

    public static List<DateToken> Tokenize(string text)
    {
        var normalized = Nfc.Normalize(text);
        var tokens = new List<DateToken>(16);
        var spaceBefore = false;
        var i = 0;
        while (i < normalized.Length)
        {
            var c = normalized[i];
            if (char.IsWhiteSpace(c))
            {
                spaceBefore = true;
                i++;
                continue;
            }
            var start = i;
            if (char.IsAsciiDigit(c))
            {
                while (i < normalized.Length && char.IsAsciiDigit(normalized[i]))
                {
                    i++;
                }
                var digits = i - start;
                var value = digits > MaxDigits ? -1 : int.Parse(normalized.AsSpan(start, digits), provider: null);
                tokens.Add(new DateToken(DateTokenKind.Number, string.Empty, value, digits, '\0', spaceBefore));
            }
            else if (char.IsLetter(c))
            {
                while (i < normalized.Length && char.IsLetter(normalized[i]))
                {
                    i++;
                }
                var word = normalized.Substring(start, i - start).ToLowerInvariant();
                tokens.Add(new DateToken(DateTokenKind.Word, word, 0, 0, '\0', spaceBefore));
            }
            else
            {
                tokens.Add(new DateToken(DateTokenKind.Symbol, string.Empty, 0, 0, c, spaceBefore));
                i++;
            }
            spaceBefore = false;
        }
        return tokens;
    }
}
