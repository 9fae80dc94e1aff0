namespace Syndication.Core.Ingestion.Normalising;

/// <summary>The fields read from a date string so far, and how to make an instant of them.</summary>
internal sealed class DateParts
{
    // ±14:00, the widest offset DateTimeOffset takes (and any zone uses).
    private const int MaxOffsetMinutes = 14 * 60;

    public int? Year { get; set; }

    public int YearDigits { get; set; }

    public int? Month { get; set; }

    public int? Day { get; set; }

    public int? Hour { get; set; }

    public int Minute { get; set; }

    public int Second { get; set; }

    public long FractionTicks { get; set; }

    public bool? Pm { get; set; }

    public int? OffsetMinutes { get; set; }

    /// <summary>Whether the offset came from a zone word, so "GMT+7" may still add the hours.</summary>
    public bool OffsetFromWord { get; set; }

    public bool HasDate => Year is not null && Month is not null && Day is not null;

    public void SetDate(int year, int yearDigits, int month, int day)
    {
        Year = year;
        YearDigits = yearDigits;
        Month = month;
        Day = day;
    }

    public bool TryBuild(TimeZoneInfo defaultZone, out DateTimeOffset value)
    {
        value = default;
        if (Year is not { } year || Month is not { } month || Day is not { } day)
        {
            return false;
        }
        year = YearDigits switch
        {
            // RFC 2822's rule for two-digit years.
            2 => year < 50 ? 2000 + year : 1900 + year,
            4 => year,
            _ => -1,
        };
        if (year is < 1000 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        var hour = Hour ?? 0;
        if (Pm is { } pm && hour <= 12)
        {
            hour = pm ? (hour == 12 ? 12 : hour + 12) : (hour == 12 ? 0 : hour);
        }
        var nextDay = hour == 24 && Minute == 0 && Second == 0;
        if ((!nextDay && hour > 23) || Minute > 59 || Second > 60)
        {
            return false;
        }
        // A leap second is one second early rather than an error.
        var local = new DateTime(year, month, day, nextDay ? 0 : hour, Minute, Math.Min(Second, 59), DateTimeKind.Unspecified)
            .AddTicks(FractionTicks);
        if (nextDay)
        {
            local = local.AddDays(1);
        }
        if (OffsetMinutes is > MaxOffsetMinutes or < -MaxOffsetMinutes)
        {
            // No clock is set so far from UTC ("-1459", "GMT+14:30"), and DateTimeOffset refuses it: not a date.
            return false;
        }
        var offset = OffsetMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : defaultZone.GetUtcOffset(local);
        value = new DateTimeOffset(local, offset);
        return true;
    }
}
