using System.Globalization;
using Syndication.Core.Ingestion.Normalising;

namespace Syndication.Core.Tests.Ingestion;

public sealed class LenientDateTests
{
    private static readonly TimeZoneInfo HoChiMinh = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    [Theory]
    // RFC 822 and the variants feeds really send.
    [InlineData("Thu, 29 Jul 2021 17:03:00 +0700", "2021-07-29T10:03:00Z")]
    [InlineData("Thu, 29 Jul 2021 17:03:00 GMT", "2021-07-29T17:03:00Z")]
    [InlineData("29 Jul 2021 17:03:00 +0700", "2021-07-29T10:03:00Z")]
    [InlineData("Mon, 29 Jul 2021 17:03:00 +0700", "2021-07-29T10:03:00Z")]
    [InlineData("Thu, 9 Jul 2021 17:03:00 +0700", "2021-07-09T10:03:00Z")]
    [InlineData("Thu, 29 Jul 21 17:03:00 +0700", "2021-07-29T10:03:00Z")]
    [InlineData("Wed, 29 Jul 98 17:03:00 +0000", "1998-07-29T17:03:00Z")]
    [InlineData("Thu, 29 Jul 2021 10:03:00 UT", "2021-07-29T10:03:00Z")]
    [InlineData("Thu, 29 Jul 2021 06:03:00 EDT", "2021-07-29T10:03:00Z")]
    [InlineData("Thu, 29 Jul 2021 05:03:00 EST", "2021-07-29T10:03:00Z")]
    [InlineData("Thu, 29 Jul 2021 04:03:00 CST", "2021-07-29T10:03:00Z")]
    [InlineData("Thu, 29 Jul 2021 03:03:00 PDT", "2021-07-29T10:03:00Z")]
    [InlineData("Thu, 29 Jul 2021 02:03:00 PST", "2021-07-29T10:03:00Z")]
    [InlineData("Thu, 29 Jul 2021 17:03:00 GMT+7", "2021-07-29T10:03:00Z")]
    [InlineData("Thu, 29 Jul 2021 17:03:00 GMT+07:00", "2021-07-29T10:03:00Z")]
    [InlineData("Thu, 29 Jul 2021 17:03:00 +07:00", "2021-07-29T10:03:00Z")]
    [InlineData("Thu, 29 Jul 2021 06:03:00 -0400", "2021-07-29T10:03:00Z")]
    [InlineData("Thu, 29 Jul 2021 17:03 +0700", "2021-07-29T10:03:00Z")]
    [InlineData("Thursday, 29 July 2021 17:03:00 +0700", "2021-07-29T10:03:00Z")]
    [InlineData("Thu, 29 Jul 2021 17:03:00", "2021-07-29T10:03:00Z")]
    [InlineData("Thu, 29 Jul 2021 17:03:00 +0000 (UTC)", "2021-07-29T17:03:00Z")]
    [InlineData("Thu Jul 29 2021 17:03:00 GMT+0700 (Indochina Time)", "2021-07-29T10:03:00Z")]
    [InlineData("Jul 29, 2021 5:03 PM", "2021-07-29T10:03:00Z")]
    // ISO 8601 / RFC 3339.
    [InlineData("2021-07-29T10:03:00Z", "2021-07-29T10:03:00Z")]
    [InlineData("2021-07-29T17:03:00+07:00", "2021-07-29T10:03:00Z")]
    [InlineData("2021-07-29T17:03:00.123+07:00", "2021-07-29T10:03:00.123Z")]
    [InlineData("2021-07-29T10:03:00.1234567Z", "2021-07-29T10:03:00.1234567Z")]
    [InlineData("2021-07-29T17:03+07:00", "2021-07-29T10:03:00Z")]
    [InlineData("2021-07-29T03:03:00-07:00", "2021-07-29T10:03:00Z")]
    [InlineData("2021-07-29T17:03:00", "2021-07-29T10:03:00Z")]
    [InlineData("2021-07-29 17:03:00", "2021-07-29T10:03:00Z")]
    [InlineData("2021-07-29", "2021-07-28T17:00:00Z")]
    [InlineData("2021/07/29 17:03", "2021-07-29T10:03:00Z")]
    // What Vietnamese sites print.
    [InlineData("29/07/2021 17:03", "2021-07-29T10:03:00Z")]
    [InlineData("17:03 29/07/2021", "2021-07-29T10:03:00Z")]
    [InlineData("17:03, 29/07/2021", "2021-07-29T10:03:00Z")]
    [InlineData("Thứ năm, 29/07/2021 - 17:03", "2021-07-29T10:03:00Z")]
    [InlineData("29/07/2021 17:03 GMT+7", "2021-07-29T10:03:00Z")]
    [InlineData("Thứ Năm, 29/7/2021, 17:03 (GMT+7)", "2021-07-29T10:03:00Z")]
    [InlineData("Thứ 5, 29/07/2021 17:03", "2021-07-29T10:03:00Z")]
    [InlineData("T5, 29/07/2021 17:03", "2021-07-29T10:03:00Z")]
    [InlineData("Chủ nhật, 01/08/2021 08:00", "2021-08-01T01:00:00Z")]
    [InlineData("Cập nhật lúc 17h03 ngày 29/07/2021", "2021-07-29T10:03:00Z")]
    [InlineData("ngày 29 tháng 7 năm 2021", "2021-07-28T17:00:00Z")]
    [InlineData("29-07-2021 17:03:00", "2021-07-29T10:03:00Z")]
    [InlineData("29.07.2021 17:03", "2021-07-29T10:03:00Z")]
    [InlineData("9/7/2021 8:05 SA", "2021-07-09T01:05:00Z")]
    [InlineData("07/29/2021 17:03", "2021-07-29T10:03:00Z")]
    [InlineData("  29/07/2021   17:03  ", "2021-07-29T10:03:00Z")]
    // Not dates, or impossible ones.
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData("not a date", null)]
    [InlineData("yesterday-ish", null)]
    [InlineData("32/13/2021", null)]
    [InlineData("29/02/2021 10:00", null)]
    [InlineData("2021-13-01", null)]
    [InlineData("Thu, 29 Jul 2021 25:00:00 +0700", null)]
    [InlineData("Thu, 29 Jul 2021 17:61:00 +0700", null)]
    [InlineData("0001-01-01T00:00:00Z", null)]
    [InlineData("29/07", null)]
    [InlineData("17:03", null)]
    [InlineData("12345", null)]
    // Offsets no clock on Earth has (past ±14:00), and a word's hours added past it: not believed, never an exception.
    [InlineData("Thu, 29 Jul 2021 17:03:00 -1459", null)]
    [InlineData("Thu, 29 Jul 2021 17:03:00 +9900", null)]
    [InlineData("Thu, 29 Jul 2021 17:03:00 GMT+14:30", null)]
    [InlineData("Thu, 29 Jul 2021 17:03:00 EDT-1200", null)]
    public void Parses_feed_dates_to_the_right_instant(string text, string? expectedUtc)
    {
        var parsed = LenientDate.TryParse(text, HoChiMinh, out var value);

        if (expectedUtc is null)
        {
            Assert.False(parsed, $"'{text}' parsed as {value:O}");
            return;
        }
        Assert.True(parsed, $"'{text}' did not parse");
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, CultureInfo.InvariantCulture), value);
    }

    [Fact]
    public void A_date_without_offset_is_read_in_the_given_zone_with_its_summer_time()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        Assert.True(LenientDate.TryParse("29/07/2021 12:00", berlin, out var summer));
        Assert.True(LenientDate.TryParse("29/01/2021 12:00", berlin, out var winter));

        Assert.Equal(TimeSpan.FromHours(2), summer.Offset);
        Assert.Equal(new DateTimeOffset(2021, 1, 29, 11, 0, 0, TimeSpan.Zero), winter);
    }

    [Fact]
    public void The_offset_written_in_the_text_is_kept()
    {
        Assert.True(LenientDate.TryParse("Thu, 29 Jul 2021 17:03:00 +0700", TimeZoneInfo.Utc, out var value));

        Assert.Equal(TimeSpan.FromHours(7), value.Offset);
    }

    [Fact]
    public void Very_long_text_is_not_a_date()
    {
        Assert.False(LenientDate.TryParse(new string('9', 10_000), HoChiMinh, out _));
    }

    [Theory]
    [InlineData("Thu, 29 Jul 2021 17:03:00 +0700")]
    [InlineData("Thu, 9 Jul 2021 17:03:00 GMT")]
    [InlineData("sun, 01 feb 1998 00:00:00 -1400")]
    [InlineData("SAT, 29 FEB 2020 23:59:59 gmt")]
    public void The_usual_rfc822_form_is_read_by_the_shortcut_as_the_general_reader_reads_it(string text)
    {
        Assert.True(Rfc822Date.TryParse(text, out var shortcut));
        Assert.True(LenientDate.TryParseAnyForm(text, HoChiMinh, out var general));

        Assert.Equal(general, shortcut);
        Assert.Equal(general.Offset, shortcut.Offset);
    }

    [Theory]
    [InlineData("Thu, 29 Jul 21 17:03:00 +0700")] // two-digit year
    [InlineData("Thu, 29 Jul 2021 24:00:00 +0700")] // the next day's midnight
    [InlineData("Thu, 29 Jul 2021 17:03:60 +0700")] // a leap second
    [InlineData("Thu, 29 Jul 2021 17:03:00 +1500")] // not an offset
    [InlineData("Thu, 29 Jul 2021 17:03:00 -1401")] // past what DateTimeOffset takes
    [InlineData("Thu, 29 Jul 2021 17:03:00 UT")]
    [InlineData("Thu,  29 Jul 2021 17:03:00 +0700")]
    [InlineData("Thu, 29 July 2021 17:03:00 +0700")]
    [InlineData("Mar, 29 Jul 2021 17:03:00 +0700")] // a month where the weekday goes, which the general reader takes as the month
    [InlineData("Thu, 29 Jul 2021 17:03:00.5 +0700")]
    [InlineData("Thu, 29 Jul 2021 17:03:00 +07:00")]
    [InlineData("Thu, 31 Feb 2021 17:03:00 +0700")]
    [InlineData("Fr\u0131, 29 Jul 2021 17:03:00 +0700")] // a dotless i
    public void What_the_shortcut_declines_goes_to_the_general_reader(string text)
    {
        Assert.False(Rfc822Date.TryParse(text, out _));
    }

    [Fact]
    public void The_shortcut_and_the_general_reader_agree_on_generated_rfc822_dates()
    {
        // Every field at and around its limits, in the shortcut's form and near it; wherever the shortcut answers, the
        // general reader must give the same instant and offset.
        var random = new Random(822);
        string[] weekdays = ["Mon", "tue", "WED", "Thu", "Fri", "Sat", "Sun", "Mar", "Thứ", "T"];
        string[] months = ["Jan", "feb", "MAR", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Sept", "Mon", "Tháng"];
        string[] zones = ["+0700", "-0000", "+0000", "-1400", "+1400", "+1359", "+1500", "+0760", "GMT", "gmt", "UT", "+07:00", "+7", "EST", ""];
        string[] days = ["1", "01", "9", "28", "29", "30", "31", "32", "0", "00", "001"];
        string[] years = ["2021", "2020", "1900", "2000", "0999", "1000", "9998", "9999", "21", "20210"];
        string[] times = ["00:00:00", "23:59:59", "24:00:00", "12:60:00", "12:00:60", "7:03:00", "17:3:00", "17:03", "17:03:00.25"];
        var agreed = 0;
        for (var n = 0; n < 100_000; n++)
        {
            var separator = random.Next(10) == 0 ? "  " : " ";
            var comma = random.Next(10) == 0 ? "" : ",";
            var text = $"{Pick(weekdays)}{comma}{separator}{Pick(days)} {Pick(months)} {Pick(years)} {Pick(times)} {Pick(zones)}";
            if (Rfc822Date.TryParse(text, out var shortcut))
            {
                Assert.True(LenientDate.TryParseAnyForm(text, HoChiMinh, out var general), text);
                Assert.Equal(general, shortcut);
                Assert.Equal(general.Offset, shortcut.Offset);
                agreed++;
            }
        }
        Assert.True(agreed > 1_000, $"only {agreed} generated dates took the shortcut");

        string Pick(string[] values) => values[random.Next(values.Length)];
    }
}
