using System.Text;

namespace Syndication.Core.Ingestion.Normalising;

/// <summary>
/// The one date form nearly every RSS feed writes, "Thu, 29 Jul 2021 17:03:00 +0700" (or "GMT"), read in place; false
/// for anything else, which <see cref="LenientDate"/> reads with its tokenizer and gives the same answer for this form.
/// </summary>
/// <remarks>
/// Tokenizing allocated a list, an array and a lower-cased string per word for every date, ~10 % of what a parse
/// allocated besides its results. What this accepts is strict: an English weekday and comma, a one- or two-digit day, an
/// English month abbreviation, a four-digit year, a time of two-digit fields, one space between each, and an offset of
/// four digits within ±14:00 or GMT; a value the general reader would adjust (hour 24, second 60) is left to it.
/// </remarks>
internal static class Rfc822Date
{
    private static readonly string[] Weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        // "Thu, 9 Jul 2021 17:03:00 GMT" is the shortest form.
        if (text.Length < 28 || IndexOfWord(text[..3], Weekdays) < 0 || !text[3..].StartsWith(", "))
        {
            return false;
        }
        var p = 5;
        if (!TryNumber(text, ref p, 1, 2, out var day) || !TrySpace(text, ref p) || p + 3 > text.Length)
        {
            return false;
        }
        var month = IndexOfWord(text.Slice(p, 3), Months) + 1;
        p += 3;
        if (month == 0 || !TrySpace(text, ref p)
            || !TryNumber(text, ref p, 4, 4, out var year) || !TrySpace(text, ref p)
            || !TryNumber(text, ref p, 2, 2, out var hour) || !TryColon(text, ref p)
            || !TryNumber(text, ref p, 2, 2, out var minute) || !TryColon(text, ref p)
            || !TryNumber(text, ref p, 2, 2, out var second) || !TrySpace(text, ref p)
            || !TryOffset(text[p..], out var offsetMinutes))
        {
            return false;
        }
        if (year is < 1000 or > 9998 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        value = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified), TimeSpan.FromMinutes(offsetMinutes));
        return true;
    }

    private static bool TryOffset(ReadOnlySpan<char> zone, out int minutes)
    {
        minutes = 0;
        if (Ascii.EqualsIgnoreCase(zone, "GMT"))
        {
            return true;
        }
        if (zone.Length != 5 || zone[0] is not ('+' or '-'))
        {
            return false;
        }
        var p = 1;
        // Past ±14:00 DateTimeOffset refuses the offset, the general reader's way included: that case stays its own.
        if (!TryNumber(zone, ref p, 4, 4, out var hhmm) || hhmm % 100 > 59 || hhmm / 100 * 60 + hhmm % 100 > 14 * 60)
        {
            return false;
        }
        minutes = (hhmm / 100 * 60 + hhmm % 100) * (zone[0] == '-' ? -1 : 1);
        return true;
    }

    private static bool TryNumber(ReadOnlySpan<char> text, ref int p, int minDigits, int maxDigits, out int value)
    {
        value = 0;
        var start = p;
        while (p < text.Length && p - start < maxDigits && char.IsAsciiDigit(text[p]))
        {
            value = value * 10 + (text[p++] - '0');
        }
        // A further digit would make it another number than this form has.
        return p - start >= minDigits && (p == text.Length || !char.IsAsciiDigit(text[p]));
    }

    private static bool TrySpace(ReadOnlySpan<char> text, ref int p) => TryChar(text, ref p, ' ');

    private static bool TryColon(ReadOnlySpan<char> text, ref int p) => TryChar(text, ref p, ':');

    private static bool TryChar(ReadOnlySpan<char> text, ref int p, char c)
    {
        if (p >= text.Length || text[p] != c)
        {
            return false;
        }
        p++;
        return true;
    }

    private static int IndexOfWord(ReadOnlySpan<char> word, string[] words)
    {
        for (var i = 0; i < words.Length; i++)
        {
            // ASCII only: the general reader lower-cases with the invariant culture, which maps some other letters to ASCII ones.
            if (Ascii.EqualsIgnoreCase(word, words[i]))
            {
                return i;
            }
        }
        return -1;
    }
}
