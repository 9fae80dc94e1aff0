using static Syndication.Core.Tests.Ingestion.FeedFixtures;

namespace Syndication.Core.Tests.Ingestion;

/// <summary>The WebSub hub and self links a feed advertises, in each format, resolved to absolute URLs.</summary>
public sealed class HubDiscoveryTests
{
    [Fact]
    public void Atom_feed_gives_its_hub_and_self_links_resolved_against_xml_base()
    {
        var feed = ParseText("""
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://tin.example.vn/">
              <title>Tin</title>
              <link rel="alternate" href="/"/>
              <link rel="hub" href="https://hub.example.net/"/>
              <link rel="self" href="feeds/atom.xml"/>
              <link rel="hub" href="https://second-hub.example.net/"/>
            </feed>
            """);

        Assert.Equal("https://hub.example.net/", feed.Hub);
        Assert.Equal("https://tin.example.vn/feeds/atom.xml", feed.Self);
        Assert.Equal("https://tin.example.vn/", feed.Link);
    }

    [Fact]
    public void Rss_channel_gives_hub_and_self_from_atom_link_and_keeps_its_own_link()
    {
        var feed = ParseText("""
            <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
              <title>Báo Tỉnh</title>
              <link>https://baotinh.example.vn/</link>
              <atom:link rel="self" type="application/rss+xml" href="https://baotinh.example.vn/rss/tin-moi.rss"/>
              <atom:link rel="hub" href="https://pubsubhubbub.example.com/"/>
              <item><title>Một</title><link>https://baotinh.example.vn/1</link></item>
            </channel></rss>
            """);

        Assert.Equal("https://pubsubhubbub.example.com/", feed.Hub);
        Assert.Equal("https://baotinh.example.vn/rss/tin-moi.rss", feed.Self);
        Assert.Equal("https://baotinh.example.vn/", feed.Link);
        Assert.Single(feed.Entries);
    }

    [Fact]
    public void Json_feed_gives_its_websub_hub_and_feed_url()
    {
        var feed = ParseText("""
            { "version": "https://jsonfeed.org/version/1.1", "title": "Tin", "feed_url": "https://tin.example.vn/feed.json",
              "hubs": [ { "type": "rssCloud", "url": "https://cloud.example.net/" }, { "type": "WebSub", "url": "https://hub.example.net/" } ],
              "items": [] }
            """);

        Assert.Equal("https://hub.example.net/", feed.Hub);
        Assert.Equal("https://tin.example.vn/feed.json", feed.Self);
    }

    [Fact]
    public void A_feed_without_a_hub_or_with_a_hub_of_another_scheme_has_none()
    {
        Assert.Null(ParseText("<rss version=\"2.0\"><channel><title>T</title></channel></rss>").Hub);
        Assert.Null(ParseText("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><link rel="hub" href="javascript:alert(1)"/></feed>
            """).Hub);
    }
}
