using Syndication.Core.Alerts;

namespace Syndication.Core.Tests.Alerts;

public sealed class SourceRhythmTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset[] HoursAfterStart(params double[] hours) => [.. hours.Select(hour => Start.AddHours(hour))];

    public static readonly TheoryData<double[], double?> Intervals = new()
    {
        { [0, 1, 2], null },            // two intervals: no rhythm yet
        { [0, 1, 2, 3], 1 },
        { [0, 1, 2, 3, 48], 1 },        // one long holiday does not stretch it (median)
        { [0, 2, 2, 4, 6], 2 },         // one poll's entries share a time
        { [0, 1, 3, 4, 6], 1.5 },       // an even count of intervals: the middle two averaged
    };

    [Theory]
    [MemberData(nameof(Intervals))]
    public void The_usual_interval_is_the_median_between_distinct_arrivals(double[] hours, double? expected)
    {
        Assert.Equal(expected is { } value ? TimeSpan.FromHours(value) : null, SourceRhythm.UsualInterval(HoursAfterStart(hours)));
    }

    [Theory]
    [InlineData(2.9, false)]
    [InlineData(3.1, true)]
    public void A_source_is_silent_after_three_times_its_usual_interval_without_anything_new(double hoursSinceLast, bool silent)
    {
        var arrivals = HoursAfterStart(0, 1, 2, 3);

        Assert.Equal(silent, SourceRhythm.IsSilent(arrivals, Start.AddHours(3 + hoursSinceLast)));
    }

    [Fact]
    public void A_source_without_a_rhythm_is_never_silent()
    {
        Assert.False(SourceRhythm.IsSilent(HoursAfterStart(0, 1), Start.AddYears(1)));
    }
}
