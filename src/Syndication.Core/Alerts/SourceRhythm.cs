namespace Syndication.Core.Alerts;

/// <summary>
/// A source's usual interval between polls that brought something new, read from when its new entries were first
/// seen, and whether it has gone silent: nothing new for <see cref="SilenceFactor"/> times that interval.
/// </summary>
public static class SourceRhythm
{
    public const int SilenceFactor = 3;

    /// <summary>How many intervals it takes before a source has a rhythm at all.</summary>
    public const int MinIntervals = 3;

    /// <summary>How many of the latest times are read (the rhythm follows a source that changes its pace).</summary>
    public const int TimesRead = 11;

    /// <summary>
    /// The median interval between the distinct times new entries arrived; null with fewer than
    /// <see cref="MinIntervals"/> intervals. The median, so one long holiday does not stretch the rhythm.
    /// </summary>
    public static TimeSpan? UsualInterval(IReadOnlyList<DateTimeOffset> arrivals)
    {
        var times = arrivals.Distinct().Order().ToList();
        if (times.Count < MinIntervals + 1)
        {
            return null;
        }
        var gaps = times.Zip(times.Skip(1), (earlier, later) => later - earlier).Order().ToList();
        return gaps.Count % 2 == 1 ? gaps[gaps.Count / 2] : (gaps[gaps.Count / 2 - 1] + gaps[gaps.Count / 2]) / 2;
    }

    /// <summary>Whether nothing new has come for <see cref="SilenceFactor"/> times the usual interval by <paramref name="now"/>.</summary>
    public static bool IsSilent(IReadOnlyList<DateTimeOffset> arrivals, DateTimeOffset now) =>
        UsualInterval(arrivals) is { } usual && usual > TimeSpan.Zero && now - arrivals.Max() > usual * SilenceFactor;
}
