namespace Syndication.Core.Ingestion.Normalising;

/// <summary>
/// Reads the dates feeds really carry: RFC 822 and its variants, ISO 8601 / RFC 3339, and Vietnamese sites' formats
/// ("29/07/2021 17:03", "Thứ năm, 29/07/2021 - 17:03", "GMT+7"); a date without an offset is in the given zone.
/// </summary>
public static class LenientDate
{
    // Real dates, with a weekday and a zone in words, stay well under this; longer text is not a date.
    private const int MaxLength = 160;

    /// <summary>Parses text; the result keeps the offset the text gave (or the default zone's offset then).</summary>
    public static bool TryParse(string? text, TimeZoneInfo defaultZone, out DateTimeOffset value)
    {
        ArgumentNullException.ThrowIfNull(defaultZone);
        value = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
        {
            return false;
        }
        return Rfc822Date.TryParse(text, out value) || TryParseAnyForm(text, defaultZone, out value);
    }

    /// <summary>The general reader, tokens and rules, without the shortcut for the usual RFC 822 form.</summary>
    internal static bool TryParseAnyForm(string text, TimeZoneInfo defaultZone, out DateTimeOffset value)
    {
        value = default;
        var parts = new DateParts();
        return Interpret(DateTokenizer.Tokenize(text), parts) && parts.TryBuild(defaultZone, out value);
    }

    private static bool Interpret(List<DateToken> tokens, DateParts parts)
    {
        var afterZoneWord = false;
        var i = 0;
        while (i < tokens.Count)
        {
            var token = tokens[i];
            var zoneWordBefore = afterZoneWord;
            afterZoneWord = false;
            switch (token.Kind)
            {
                case DateTokenKind.Number:
                    if (TryDate(tokens, i, parts, out var next) || TryTime(tokens, i, parts, out next))
                    {
                        i = next;
                    }
                    else if (TakeLoneNumber(tokens, i, parts))
                    {
                        i++;
                    }
                    else
                    {
                        return false;
                    }
                    break;
                case DateTokenKind.Symbol:
                    i = token.Symbol is '+' or '-' && TryOffset(tokens, i, parts, zoneWordBefore, out var afterOffset)
                        ? afterOffset
                        : i + 1;
                    break;
                default:
                    i = TakeWord(tokens, i, parts, out afterZoneWord);
                    break;
            }
        }
        return true;
    }

    /// <summary>d/M/yyyy, d-M-yyyy, d.M.yyyy (day first, as in Vietnam and Europe) or yyyy-M-d.</summary>
    private static bool TryDate(List<DateToken> tokens, int i, DateParts parts, out int next)
    {
        next = i;
        if (i + 4 >= tokens.Count)
        {
            return false;
        }
        var separator = tokens[i + 1];
        if (separator.Kind != DateTokenKind.Symbol || separator.SpaceBefore || separator.Symbol is not ('/' or '-' or '.')
            || !tokens[i + 2].IsAdjacentNumber || !tokens[i + 3].IsSymbol(separator.Symbol) || tokens[i + 3].SpaceBefore
            || !tokens[i + 4].IsAdjacentNumber)
        {
            return false;
        }
        var (first, second, third) = (tokens[i], tokens[i + 2], tokens[i + 4]);
        if (first.Digits == 4 && second.Digits <= 2 && third.Digits <= 2)
        {
            SetDateOnce(parts, first.Value, 4, second.Value, third.Value);
        }
        else if (first.Digits <= 2 && second.Digits <= 2 && third.Digits is 2 or 4)
        {
            var (day, month) = (first.Value, second.Value);
            if (month > 12 && day <= 12)
            {
                // Only a month-first (US) date has a second number above 12.
                (day, month) = (month, day);
            }
            SetDateOnce(parts, third.Value, third.Digits, month, day);
        }
        else
        {
            return false;
        }
        next = i + 5;
        return true;
    }

    private static void SetDateOnce(DateParts parts, int year, int yearDigits, int month, int day)
    {
        // A second date in the string (an "updated" note) does not override the first.
        if (parts.Year is null && parts.Month is null && parts.Day is null)
        {
            parts.SetDate(year, yearDigits, month, day);
        }
    }

    /// <summary>H:mm[:ss[.fff]] or Vietnamese "17h03".</summary>
    private static bool TryTime(List<DateToken> tokens, int i, DateParts parts, out int next)
    {
        next = i;
        if (i + 2 >= tokens.Count || tokens[i].Digits > 2)
        {
            return false;
        }
        var separator = tokens[i + 1];
        var isTime = !separator.SpaceBefore
            && (separator.IsSymbol(':') || (separator.Kind == DateTokenKind.Word && separator.Word is "h" or "g"))
            && tokens[i + 2].IsAdjacentNumber && tokens[i + 2].Digits <= 2;
        if (!isTime)
        {
            return false;
        }
        var (hour, minute, second, fraction) = (tokens[i].Value, tokens[i + 2].Value, 0, 0L);
        next = i + 3;
        if (next + 1 < tokens.Count && tokens[next].IsSymbol(':') && !tokens[next].SpaceBefore
            && tokens[next + 1].IsAdjacentNumber && tokens[next + 1].Digits <= 2)
        {
            second = tokens[next + 1].Value;
            next += 2;
            if (next + 1 < tokens.Count && (tokens[next].IsSymbol('.') || tokens[next].IsSymbol(',')) && !tokens[next].SpaceBefore
                && tokens[next + 1].IsAdjacentNumber)
            {
                fraction = FractionToTicks(tokens[next + 1]);
                next += 2;
            }
        }
        if (parts.Hour is null)
        {
            (parts.Hour, parts.Minute, parts.Second, parts.FractionTicks) = (hour, minute, second, fraction);
        }
        return true;
    }

    private static long FractionToTicks(DateToken digits)
    {
        if (digits.Value < 0)
        {
            return 0;
        }
        var ticks = (long)digits.Value;
        for (var d = digits.Digits; d < 7; d++)
        {
            ticks *= 10;
        }
        for (var d = digits.Digits; d > 7; d--)
        {
            ticks /= 10;
        }
        return ticks;
    }

    private static bool TakeLoneNumber(List<DateToken> tokens, int i, DateParts parts)
    {
        var number = tokens[i];
        if (number.Value < 0)
        {
            return false;
        }
        if (number.Digits == 4 && parts.Year is null)
        {
            parts.Year = number.Value;
            parts.YearDigits = 4;
            return true;
        }
        if (number.Digits == 8 && parts.Year is null && parts.Month is null && parts.Day is null)
        {
            // ISO 8601 basic form, 20210729.
            parts.SetDate(number.Value / 10000, 4, number.Value / 100 % 100, number.Value % 100);
            return true;
        }
        if (number.Digits > 2)
        {
            return false;
        }
        if (parts.Day is null && (parts.Month is not null || NextIsMonthWord(tokens, i)))
        {
            parts.Day = number.Value;
            return true;
        }
        if (parts.Year is null && parts.Day is not null && parts.Month is not null)
        {
            parts.Year = number.Value;
            parts.YearDigits = number.Digits;
            return true;
        }
        if (parts.Day is null)
        {
            parts.Day = number.Value;
            return true;
        }
        return false;
    }

    private static bool NextIsMonthWord(List<DateToken> tokens, int i)
    {
        for (var j = i + 1; j < tokens.Count; j++)
        {
            if (tokens[j].Kind == DateTokenKind.Word)
            {
                return DateWords.Months.ContainsKey(tokens[j].Word);
            }
            if (tokens[j].Kind == DateTokenKind.Number)
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>+0700, -04:00, +7 — after a time or straight after a zone word ("GMT+7").</summary>
    private static bool TryOffset(List<DateToken> tokens, int i, DateParts parts, bool afterZoneWord, out int next)
    {
        next = i;
        if (i + 1 >= tokens.Count || !tokens[i + 1].IsAdjacentNumber || !(afterZoneWord || parts.Hour is not null))
        {
            return false;
        }
        var number = tokens[i + 1];
        int hours;
        var minutes = 0;
        next = i + 2;
        switch (number.Digits)
        {
            case 1 or 2:
                hours = number.Value;
                if (next + 1 < tokens.Count && tokens[next].IsSymbol(':') && !tokens[next].SpaceBefore
                    && tokens[next + 1].IsAdjacentNumber && tokens[next + 1].Digits == 2)
                {
                    minutes = tokens[next + 1].Value;
                    next += 2;
                }
                else if (next < tokens.Count && !tokens[next].SpaceBefore && tokens[next].Kind == DateTokenKind.Symbol
                    && tokens[next].Symbol is '/' or '.' or '-')
                {
                    // "-29/07/2021" is a separator and a date, not an offset.
                    return false;
                }
                break;
            case 3 or 4:
                (hours, minutes) = (number.Value / 100, number.Value % 100);
                break;
            default:
                return false;
        }
        if (hours > 14 || minutes > 59)
        {
            return false;
        }
        var total = (hours * 60 + minutes) * (tokens[i].Symbol == '-' ? -1 : 1);
        if (parts.OffsetMinutes is null || (afterZoneWord && parts.OffsetFromWord))
        {
            parts.OffsetMinutes = (afterZoneWord ? parts.OffsetMinutes ?? 0 : 0) + total;
            parts.OffsetFromWord = false;
        }
        return true;
    }

    private static bool StartsDate(List<DateToken> tokens, int i) =>
        i + 1 < tokens.Count && !tokens[i + 1].SpaceBefore && tokens[i + 1].Kind == DateTokenKind.Symbol
        && tokens[i + 1].Symbol is '/' or '-' or '.';

    private static int TakeWord(List<DateToken> tokens, int i, DateParts parts, out bool zoneWord)
    {
        zoneWord = false;
        var word = tokens[i].Word;
        var next = i + 1 < tokens.Count ? tokens[i + 1] : default;
        if (DateWords.Months.TryGetValue(word, out var month))
        {
            parts.Month ??= month;
            return i + 1;
        }
        if (word is "thứ" or "thu" && next.Kind == DateTokenKind.Word && DateWords.VietnameseWeekdayNumbers.Contains(next.Word))
        {
            return i + 2;
        }
        if (word == "thứ" && next.Kind == DateTokenKind.Number && next.Value is >= 2 and <= 7)
        {
            return i + 2;
        }
        if (word is "chủ" or "chu" && next.Kind == DateTokenKind.Word && next.Word is "nhật" or "nhat")
        {
            return i + 2;
        }
        if (word == "t" && next.IsAdjacentNumber && next.Digits == 1 && next.Value is >= 2 and <= 7
            && !(i + 2 < tokens.Count && tokens[i + 2].IsSymbol(':')))
        {
            // "T5" abbreviates Thứ năm; a "T" before a time is ISO 8601's separator and is skipped alone.
            return i + 2;
        }
        if (DateWords.Zones.TryGetValue(word, out var zoneMinutes))
        {
            if (parts.OffsetMinutes is null)
            {
                parts.OffsetMinutes = zoneMinutes;
                parts.OffsetFromWord = true;
            }
            zoneWord = true;
            return i + 1;
        }
        if (DateWords.IsMeridiem(word, out var pm))
        {
            parts.Pm = pm;
            return i + 1;
        }
        if (next.Kind == DateTokenKind.Number && next.Value >= 0 && !StartsDate(tokens, i + 1))
        {
            // "ngày 29 tháng 7 năm 2021"; "ngày" itself needs no rule, a lone number is a day.
            switch (word)
            {
                case "tháng" or "thang" when next.Digits <= 2:
                    parts.Month ??= next.Value;
                    return i + 2;
                case "năm" or "nam" when next.Digits is 2 or 4 && parts.Year is null:
                    (parts.Year, parts.YearDigits) = (next.Value, next.Digits);
                    return i + 2;
            }
        }
        // Weekdays (wrong ones too), "lúc", "Cập nhật" and other words carry nothing we need.
        return i + 1;
    }
}
