using System.Diagnostics;
using Syndication.Core.Ingestion;
using static Syndication.Core.Tests.Ingestion.FeedFixtures;

namespace Syndication.Core.Tests.Ingestion;

public sealed class SecurityTests
{
    [Fact]
    public void Xxe_entities_are_never_resolved_so_no_local_file_reaches_the_result()
    {
        var clock = Stopwatch.StartNew();
        var feed = Parse("xxe.xml");
        var json = ParsedFeedJson.Serialize(feed);

        Assert.DoesNotContain("root:", json, StringComparison.Ordinal);
        Assert.DoesNotContain("/bin/", json, StringComparison.Ordinal);
        Assert.Equal("XXE &xxe;", feed.Title);
        Assert.Equal("Before &amp;xxe; after", feed.Entries[0].Summary);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Billion_laughs_is_not_expanded_and_parses_fast()
    {
        var clock = Stopwatch.StartNew();
        var feed = Parse("billion-laughs.xml");
        var json = ParsedFeedJson.Serialize(feed);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.DoesNotContain("lollol", json, StringComparison.Ordinal);
        Assert.True(json.Length < 2000, $"result is {json.Length} characters");
        Assert.Equal("&lol9;", feed.Entries[0].Title);
    }

    [Fact]
    public void Scripts_event_handlers_styles_frames_and_script_urls_are_stripped()
    {
        var entry = Parse("script-injection.xml").Entries[0];
        var summary = entry.Summary!;

        foreach (var forbidden in new[] { "<script", "alert", "onclick", "onerror", "onload", "style", "javascript:", "JaVaScRiPt", "<iframe", "<object", "data:", "<svg", "<form", "<input", "steal" })
        {
            Assert.DoesNotContain(forbidden, summary, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains("<p>Click <a>here</a> or <a>there</a></p>", summary, StringComparison.Ordinal);
        Assert.Contains("<img src=\"https://evil.example.com/ok.jpg\">", summary, StringComparison.Ordinal);
        Assert.Contains("<a href=\"mailto:toasoan@example.vn\">Thư</a>", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Content_that_is_only_script_and_style_is_empty_after_cleaning()
    {
        Assert.Null(Parse("script-injection.xml").Entries[0].Content);
    }

    [Fact]
    public void Links_with_script_schemes_are_dropped()
    {
        var feed = Parse("script-injection.xml");

        Assert.Null(feed.Entries[0].Link);
        Assert.Equal("Hostile feed", feed.Title);
    }

    [Fact]
    public void Json_feed_attachments_with_script_urls_are_dropped()
    {
        var episode = Parse("jsonfeed11.json").Entries[0];

        Assert.DoesNotContain(episode.Enclosures, e => e.Url.StartsWith("javascript", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("script", episode.Content, StringComparison.Ordinal);
    }

    [Fact]
    public void External_dtd_of_a_doctype_is_not_fetched()
    {
        var clock = Stopwatch.StartNew();
        var feed = ParseText("""
            <?xml version="1.0"?>
            <!DOCTYPE rss SYSTEM "http://127.0.0.1:1/never-fetched.dtd">
            <rss version="2.0"><channel><title>DTD</title></channel></rss>
            """);

        Assert.Equal("DTD", feed.Title);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }
}
