using Syndication.Core.Publishing;

namespace Syndication.Worker.Publishing;

/// <summary>Months as the archive counts them: calendar months in the archive's own time zone.</summary>
public static class ArchiveMonths
{
    /// <summary>The month (its first day) a time falls in, in the archive's zone.</summary>
    public static DateOnly Of(DateTimeOffset time, Site site)
    {
        var local = site.Local(time);
        return new DateOnly(local.Year, local.Month, 1);
    }

    /// <summary>The instant a month begins in the archive's zone.</summary>
    public static DateTimeOffset Start(DateOnly month, Site site) =>
        new(TimeZoneInfo.ConvertTimeToUtc(month.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), site.TimeZone), TimeSpan.Zero);
}
