using System.Text;
using Syndication.Core.Ingestion;
using Syndication.Core.Ingestion.Parsing;
using static Syndication.Core.Tests.Ingestion.FeedFixtures;

namespace Syndication.Core.Tests.Ingestion;

/// <summary>HTTP Link headers as WebSub discovery reads them (RFC 8288), and the hub and self they name winning over the feed's own.</summary>
public sealed class LinkHeaderTests
{
    public static TheoryData<string[], string, string?> Headers => new()
    {
        // The shape WebSub §4 shows: two links in one field.
        { ["<https://hub.example/>; rel=\"hub\", <https://x.example/feed>; rel=\"self\""], "hub", "https://hub.example/" },
        { ["<https://hub.example/>; rel=\"hub\", <https://x.example/feed>; rel=\"self\""], "self", "https://x.example/feed" },
        // Each link in its own field.
        { ["<https://x.example/feed>; rel=self", "<https://hub.example/>; rel=hub"], "hub", "https://hub.example/" },
        // A quoted list of relations, in any case.
        { ["<https://x.example/feed>; rel=\"self HUB\""], "hub", "https://x.example/feed" },
        { ["<https://x.example/feed>; rel=\"self HUB\""], "self", "https://x.example/feed" },
        // Odd spacing, tabs, other parameters before rel, a comma inside a quoted title and inside the URI.
        { ["  <https://a.example/p?x=1,2>  ;title=\"a, b\"  ;  rel = \"alternate\"  ,\t<https://hub.example/> ;rel=hub ;type=\"text/html\""], "hub", "https://hub.example/" },
        { ["  <https://a.example/p?x=1,2>  ;title=\"a, b\"  ;  rel = \"alternate\"  "], "alternate", "https://a.example/p?x=1,2" },
        // Garbage before, between and after is skipped; a link without rel has none.
        { ["garbage, ;;, <https://no-rel.example/>, <https://hub.example/>; junk; rel=\"hub\"; ===, trailing"], "hub", "https://hub.example/" },
        { ["<https://no-rel.example/>"], "hub", null },
        // Only the first rel of a link counts (RFC 8288 §3.3).
        { ["<https://x.example/>; rel=self; rel=hub"], "hub", null },
        // The first link with the relation wins; an unclosed target ends the reading.
        { ["<https://first.example/>; rel=hub, <https://second.example/>; rel=hub"], "hub", "https://first.example/" },
        { ["<https://hub.example/; rel=hub"], "hub", null },
        { ["rel=hub", "", ";"], "hub", null },
        // An escaped quote inside a quoted value does not end it.
        { ["<https://a.example/>; title=\"say \\\"hi\\\", ok\"; rel=\"hub\""], "hub", "https://a.example/" },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void First_finds_the_target_of_the_first_link_with_the_relation(string[] values, string relation, string? expected) =>
        Assert.Equal(expected, LinkHeader.First(values, relation));

    [Fact]
    public void Parse_keeps_every_readable_link_in_order_with_its_relations_lower_cased()
    {
        var links = LinkHeader.Parse(["<https://a.example/>; rel=\"Next Prev\", bad, <https://b.example/>", "<https://c.example/>;rel=hub"]);

        Assert.Equal(
            ["https://a.example/ next prev", "https://b.example/ ", "https://c.example/ hub"],
            links.Select(link => link.Target + " " + string.Join(' ', link.Relations)));
    }

    [Fact]
    public void A_link_header_hub_and_self_win_over_the_feeds_own_and_are_resolved_against_the_feed_url()
    {
        var rss = """
            <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
              <title>Báo Tỉnh</title><link>https://baotinh.example.vn/</link>
              <atom:link rel="hub" href="https://feed-hub.example.com/"/>
              <atom:link rel="self" href="https://baotinh.example.vn/rss/cu.rss"/>
            </channel></rss>
            """;

        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(rss),
            Context() with { LinkHeaders = ["</websub/hub>; rel=\"hub\", <https://baotinh.example.vn/rss/moi.rss>; rel=\"self\""] });
        var withoutHeader = ParseText(rss);
        var onlyHub = FeedParser.Parse(Encoding.UTF8.GetBytes(rss), Context() with { LinkHeaders = ["<https://header-hub.example.com/>; rel=hub"] });
        var unusable = FeedParser.Parse(Encoding.UTF8.GetBytes(rss), Context() with { LinkHeaders = ["<ftp://hub.example.com/>; rel=hub"] });

        Assert.Equal(("https://feeds.example.vn/websub/hub", "https://baotinh.example.vn/rss/moi.rss"), (feed.Hub, feed.Self));
        Assert.Equal(("https://feed-hub.example.com/", "https://baotinh.example.vn/rss/cu.rss"), (withoutHeader.Hub, withoutHeader.Self));
        Assert.Equal(("https://header-hub.example.com/", "https://baotinh.example.vn/rss/cu.rss"), (onlyHub.Hub, onlyHub.Self));
        Assert.Equal("https://feed-hub.example.com/", unusable.Hub);
    }
}
