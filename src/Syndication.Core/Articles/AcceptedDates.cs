using System.Globalization;

namespace Syndication.Core.Articles;

/// <summary>
/// The dates an article or an ingested entry may carry. An article may be dated from 1900 to five years ahead (an
/// embargo farther ahead than that is a typing error); an entry from 1900 to a day ahead (a publisher's clock or zone
/// off by some hours). A date outside is refused for an article and not believed for an entry, so no stored row ever
/// sits next to the ends of the calendar, where the date arithmetic of windows and archives cannot go.
/// </summary>
public static class AcceptedDates
{
    public static readonly DateTimeOffset Earliest = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan ArticleLead = TimeSpan.FromDays(5 * 365);

    public static readonly TimeSpan EntryLead = TimeSpan.FromDays(1);

    public static bool IsArticleDate(DateTimeOffset value, DateTimeOffset now) => value >= Earliest && value <= now + ArticleLead;

    /// <summary>The entry's date, or null when it is outside the range (the entry then sorts by when it was first seen).</summary>
    public static DateTimeOffset? EntryDate(DateTimeOffset? value, DateTimeOffset now) =>
        value is { } date && date >= Earliest && date <= now + EntryLead ? date : null;

    /// <summary>"from 1900-01-01 to 2031-12-03", for messages that refuse an article's date.</summary>
    public static string ArticleRange(DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"from {Earliest:yyyy-MM-dd} to {(now + ArticleLead).UtcDateTime:yyyy-MM-dd}");

    /// <summary>
    /// The days around a date, cut at the ends of the calendar: a row stored before these limits existed may sit at
    /// either end, and must make an empty window rather than an exception.
    /// </summary>
    public static (DateTimeOffset From, DateTimeOffset To) Around(DateTimeOffset date, double days)
    {
        var span = TimeSpan.FromDays(days);
        var from = date - DateTimeOffset.MinValue > span ? date - span : DateTimeOffset.MinValue;
        var to = DateTimeOffset.MaxValue - date > span ? date + span : DateTimeOffset.MaxValue;
        return (from, to);
    }
}
