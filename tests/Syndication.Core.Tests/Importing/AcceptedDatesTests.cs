using Syndication.Core.Articles;

namespace Syndication.Core.Tests.Importing;

public sealed class AcceptedDatesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 3, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("1900-01-01T00:00:00Z", true)]
    [InlineData("2021-07-29T10:03:00Z", true)]
    [InlineData("2031-12-01T00:00:00Z", true)]
    [InlineData("1899-12-31T23:59:59Z", false)]
    [InlineData("2032-01-01T00:00:00Z", false)]
    [InlineData("9999-12-31T20:00:00Z", false)]
    public void An_article_may_be_dated_from_1900_to_five_years_ahead(string date, bool accepted)
    {
        Assert.Equal(accepted, AcceptedDates.IsArticleDate(DateTimeOffset.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Now));
    }

    [Fact]
    public void An_entry_date_more_than_a_day_ahead_or_before_1900_is_not_believed()
    {
        Assert.Equal(Now.AddHours(7), AcceptedDates.EntryDate(Now.AddHours(7), Now));
        Assert.Null(AcceptedDates.EntryDate(Now.AddDays(2), Now));
        Assert.Null(AcceptedDates.EntryDate(new DateTimeOffset(9998, 12, 31, 0, 0, 0, TimeSpan.Zero), Now));
        Assert.Null(AcceptedDates.EntryDate(new DateTimeOffset(1000, 1, 1, 0, 0, 0, TimeSpan.Zero), Now));
        Assert.Null(AcceptedDates.EntryDate(null, Now));
    }

    [Fact]
    public void A_window_around_a_date_at_either_end_of_the_calendar_is_cut_there_instead_of_throwing()
    {
        var (from, to) = AcceptedDates.Around(new DateTimeOffset(9999, 12, 31, 20, 0, 0, TimeSpan.Zero), 30);
        Assert.Equal(DateTimeOffset.MaxValue, to);
        Assert.Equal(new DateTimeOffset(9999, 12, 1, 20, 0, 0, TimeSpan.Zero), from);

        var (early, _) = AcceptedDates.Around(DateTimeOffset.MinValue.AddDays(3), 30);
        Assert.Equal(DateTimeOffset.MinValue, early);
    }
}
