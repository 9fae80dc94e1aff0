using System.Text.Json;
using Syndication.Core.Ingestion;

namespace Syndication.Core.Tests.Ingestion;

public sealed class ParsedFeedJsonTests
{
    [Fact]
    public void Serializes_the_design_keys_in_order_with_null_for_absent_values_and_empty_lists()
    {
        var feed = new ParsedFeed(
            "rss2.0", "Báo Tây Nguyên", "https://baotaynguyen.example.vn/", null, "vi",
            new DateTimeOffset(2021, 7, 29, 17, 3, 0, 999, TimeSpan.FromHours(7)),
            [
                new ParsedEntry(
                    "id-1", "https://baotaynguyen.example.vn/tin/1.html", "Giá cà phê \"tăng\"",
                    new DateTimeOffset(2021, 7, 29, 10, 3, 0, TimeSpan.Zero), null,
                    ["Hồng Chuyên"], "<p>Tóm tắt</p>", null, [],
                    [new Enclosure("https://cdn.example.vn/a.mp3", "audio/mpeg", 123), new Enclosure("https://cdn.example.vn/b.jpg", null, null)]),
                new ParsedEntry(null, null, null, null, null, [], null, null, [], []),
            ],
            TimeSpan.FromMinutes(30));

        var json = ParsedFeedJson.Serialize(feed);

        Assert.Equal("""
            {
              "format": "rss2.0",
              "title": "Báo Tây Nguyên",
              "link": "https://baotaynguyen.example.vn/",
              "description": null,
              "language": "vi",
              "updated": "2021-07-29T10:03:00Z",
              "entries": [
                {
                  "id": "id-1",
                  "link": "https://baotaynguyen.example.vn/tin/1.html",
                  "title": "Giá cà phê \"tăng\"",
                  "published": "2021-07-29T10:03:00Z",
                  "updated": null,
                  "authors": [
                    "Hồng Chuyên"
                  ],
                  "summary": "<p>Tóm tắt</p>",
                  "content": null,
                  "categories": [],
                  "enclosures": [
                    {
                      "url": "https://cdn.example.vn/a.mp3",
                      "type": "audio/mpeg",
                      "length": 123
                    },
                    {
                      "url": "https://cdn.example.vn/b.jpg",
                      "type": null,
                      "length": null
                    }
                  ]
                },
                {
                  "id": null,
                  "link": null,
                  "title": null,
                  "published": null,
                  "updated": null,
                  "authors": [],
                  "summary": null,
                  "content": null,
                  "categories": [],
                  "enclosures": []
                }
              ]
            }
            """, json);
    }

    [Fact]
    public void Every_fixture_feed_serializes_with_exactly_the_design_keys()
    {
        string[] feedKeys = ["format", "title", "link", "description", "language", "updated", "entries"];
        string[] entryKeys = ["id", "link", "title", "published", "updated", "authors", "summary", "content", "categories", "enclosures"];
        foreach (var name in FeedFixtures.Names())
        {
            ParsedFeed feed;
            try
            {
                feed = FeedFixtures.Parse(name, name.Contains("1252", StringComparison.Ordinal) ? "text/xml; charset=windows-1252" : null);
            }
            catch (FeedParseException)
            {
                continue;
            }

            using var document = JsonDocument.Parse(ParsedFeedJson.Serialize(feed));

            var root = document.RootElement;
            Assert.Equal(feedKeys, root.EnumerateObject().Select(p => p.Name));
            foreach (var entry in root.GetProperty("entries").EnumerateArray())
            {
                Assert.Equal(entryKeys, entry.EnumerateObject().Select(p => p.Name));
                foreach (var date in new[] { entry.GetProperty("published"), entry.GetProperty("updated") })
                {
                    Assert.True(date.ValueKind == JsonValueKind.Null || date.GetString()!.EndsWith('Z'), name);
                }
            }
        }
    }
}
