using Syndication.Core.Ingestion;
using static Syndication.Core.Tests.Ingestion.FeedFixtures;

namespace Syndication.Core.Tests.Ingestion;

public sealed class JsonFeedParsingTests
{
    [Fact]
    public void JsonFeed11_reads_authors_tags_attachments_and_modified_date()
    {
        var feed = Parse("jsonfeed11.json");

        Assert.Equal("jsonfeed1.1", feed.Format);
        Assert.Equal("Podcast Cà Phê Sáng", feed.Title);
        Assert.Equal("https://podcast.example.vn/", feed.Link);
        Assert.Equal("vi", feed.Language);
        var episode = feed.Entries[0];
        Assert.Equal("https://podcast.example.vn/tap-7", episode.Id);
        Assert.Equal("Tập 7: Chuyện & người trồng tiêu", episode.Title);
        Assert.Equal(["Hải Yến", "Khách mời Tùng"], episode.Authors);
        Assert.Equal(["tiêu", "nông nghiệp"], episode.Categories);
        Assert.Equal(new DateTimeOffset(2021, 7, 29, 6, 30, 0, TimeSpan.Zero), episode.Updated);
        Assert.Equal(new Enclosure("https://podcast.example.vn/audio/tap-7.mp3", "audio/mpeg", 20480000), Assert.Single(episode.Enclosures));
        Assert.Equal("<p>Nghe tập 7.</p>", episode.Content);
    }

    [Fact]
    public void JsonFeed11_feed_authors_stand_in_for_an_item_without_any()
    {
        var feed = Parse("jsonfeed11.json");

        Assert.Equal(["Hải Yến"], feed.Entries[1].Authors);
        Assert.Null(feed.Entries[1].Link);
        Assert.Equal("<p>Tập 6 &lt;không có&gt; link.</p>", feed.Entries[1].Content);
    }

    [Fact]
    public void JsonFeed10_reads_author_object_content_text_as_paragraphs_and_numeric_id()
    {
        var feed = Parse("jsonfeed10.json");

        Assert.Equal("jsonfeed1.0", feed.Format);
        var first = feed.Entries[0];
        Assert.Equal("https://nongtrai.example.vn/2021/07/tuoi-nuoc.html", first.Link);
        Assert.Equal("<p>Sáng nay tưới đợt hai.</p><p>Trời nắng &amp; khô.</p>", first.Content);
        Assert.Equal(["Anh Tuấn"], first.Authors);
        Assert.Equal(new DateTimeOffset(2021, 7, 29, 0, 0, 0, TimeSpan.Zero), first.Published);
        Assert.Equal("1", feed.Entries[1].Id);
    }

    [Fact]
    public void JsonFeed_fields_of_the_wrong_type_or_a_bad_date_are_absent_not_errors()
    {
        var second = Parse("jsonfeed10.json").Entries[1];

        Assert.Null(second.Published);
        Assert.Equal(["phân bón"], second.Categories);
        Assert.Equal("Bón phân đầu mùa mưa", second.Summary);
    }

    [Theory]
    [InlineData("""{"title": "no version", "items": []}""")]
    [InlineData("""{"version": "https://example.com/my-format/2", "items": []}""")]
    [InlineData("""{"version": 1.1}""")]
    [InlineData("""[{"version": "https://jsonfeed.org/version/1.1"}]""")]
    public void Json_that_is_not_a_json_feed_is_rejected(string json)
    {
        var error = Assert.Throws<FeedParseException>(() => ParseText(json));

        Assert.Contains("JSON Feed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_is_rejected_with_its_line()
    {
        var error = Assert.Throws<FeedParseException>(() => ParseText("{\n  \"version\": \"https://jsonfeed.org/version/1.1\",\n  \"items\": [ { \"id\": } ]\n}"));

        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }
}
