using static Syndication.Core.Tests.Ingestion.FeedFixtures;

namespace Syndication.Core.Tests.Ingestion;

public sealed class RdfParsingTests
{
    [Fact]
    public void Rss10_reads_dublin_core_dates_creators_subjects_and_encoded_content()
    {
        var feed = Parse("rss10-rdf.xml");

        Assert.Equal("rss1.0", feed.Format);
        Assert.Equal("Công báo tỉnh", feed.Title);
        Assert.Equal("vi", feed.Language);
        Assert.Equal(new DateTimeOffset(2021, 7, 29, 3, 3, 0, TimeSpan.Zero), feed.Updated);
        var first = feed.Entries[0];
        Assert.Equal("https://congbao.example.gov.vn/van-ban/1", first.Id);
        Assert.Equal(new DateTimeOffset(2021, 7, 29, 1, 0, 0, TimeSpan.Zero), first.Published);
        Assert.Equal(["UBND tỉnh"], first.Authors);
        Assert.Equal(["Đất đai"], first.Categories);
        Assert.Equal("<p>Toàn văn <a href=\"https://congbao.example.gov.vn/files/qd-1.pdf\">quyết định</a>.</p>", first.Content);
    }

    [Fact]
    public void Rss10_date_without_time_or_offset_is_midnight_in_the_default_zone()
    {
        var feed = Parse("rss10-rdf.xml");

        Assert.Equal(new DateTimeOffset(2021, 7, 27, 17, 0, 0, TimeSpan.Zero), feed.Entries[1].Published);
    }

    [Fact]
    public void Rss10_syndication_module_hourly_twice_asks_for_thirty_minutes()
    {
        Assert.Equal(TimeSpan.FromMinutes(30), Parse("rss10-rdf.xml").Ttl);
    }

    [Fact]
    public void Rss090_is_told_apart_by_its_namespace_and_its_image_is_not_an_item()
    {
        var feed = Parse("rss090.rdf");

        Assert.Equal("rss0.90", feed.Format);
        Assert.Equal("Mozilla Dot Org", feed.Title);
        Assert.Equal("http://www.mozilla.org/", feed.Link);
        Assert.Equal(["New Status Updates", "Bugzilla Reorganized"], feed.Entries.Select(e => e.Title));
        Assert.Equal("http://www.mozilla.org/bugs/", feed.Entries[1].Link);
    }
}
