using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Syndication.Core.Articles;
using Syndication.Core.Publishing;
using Syndication.Core.Publishing.Rendering;
using Syndication.Core.Text;

namespace Syndication.Core.Tests.Publishing.Rendering;

public sealed class TombstoneRenderingTests
{
    private static readonly XNamespace Tombstones = "http://purl.org/atompub/tombstones/1.0";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static readonly DeletedArticle Withdrawn = new(
        StableIds.FromName("jsonl:bai-da-go"), "bai-da-go",
        new DateTimeOffset(2021, 7, 28, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2021, 8, 2, 3, 4, 5, TimeSpan.Zero), "Gỡ theo yêu cầu <của> tác giả");

    private static FeedDocument Document(params DeletedArticle[] deleted) =>
        new("Báo", "Tin", "feeds/atom.xml", "", [RenderingSamples.SampleArticle()]) { Deleted = deleted };

    private static byte[] Render(FeedDocument document, FeedFormat format) => new FeedRenderer(RenderingSamples.Site).Render(document, format);

    [Fact]
    public void Atom_carries_an_rfc_6721_deleted_entry_with_the_entry_id_the_local_time_and_the_comment()
    {
        var feed = XDocument.Parse(Encoding.UTF8.GetString(Render(Document(Withdrawn), FeedFormat.Atom)));

        var tombstone = Assert.Single(feed.Root!.Elements(Tombstones + "deleted-entry"));
        Assert.Equal(StableIds.Urn(Withdrawn.StableId), (string?)tombstone.Attribute("ref"));
        Assert.Equal("2021-08-02T10:04:05+07:00", (string?)tombstone.Attribute("when"));
        Assert.Equal("Gỡ theo yêu cầu <của> tác giả", (string?)tombstone.Element(Tombstones + "comment"));
        Assert.Equal("vi", (string?)tombstone.Element(Tombstones + "comment")!.Attribute(XNamespace.Xml + "lang"));
        Assert.Equal("at", feed.Root!.GetPrefixOfNamespace(Tombstones));
    }

    [Fact]
    public void A_withdrawal_later_than_every_edit_is_the_feed_s_updated_time()
    {
        var feed = XDocument.Parse(Encoding.UTF8.GetString(Render(Document(Withdrawn), FeedFormat.Atom)));

        Assert.Equal("2021-08-02T10:04:05+07:00", (string?)feed.Root!.Element(Atom + "updated"));
        Assert.Equal(Withdrawn.Deleted, Document(Withdrawn).Updated);
        Assert.Equal(RenderingSamples.SampleArticle().Updated, Document().Updated);
    }

    [Fact]
    public void Without_withdrawals_no_tombstone_namespace_is_declared()
    {
        var atom = Encoding.UTF8.GetString(Render(Document(), FeedFormat.Atom));

        Assert.DoesNotContain("tombstones", atom);
    }

    [Fact]
    public void Rss_has_no_tombstones()
    {
        var rss = Encoding.UTF8.GetString(Render(Document(Withdrawn), FeedFormat.Rss));

        Assert.DoesNotContain("deleted-entry", rss);
        Assert.Contains(RenderingSamples.SampleArticle().Title, rss);
    }

    [Fact]
    public void Json_feed_lists_withdrawals_in_the_syndication_extension()
    {
        using var json = JsonDocument.Parse(Render(Document(Withdrawn, Withdrawn with { Comment = null }), FeedFormat.JsonFeed));

        var deleted = json.RootElement.GetProperty("_syndication").GetProperty("deleted_items").EnumerateArray().ToList();
        Assert.Equal(2, deleted.Count);
        Assert.Equal(StableIds.Urn(Withdrawn.StableId), deleted[0].GetProperty("id").GetString());
        Assert.Equal("http://example.test/articles/bai-da-go", deleted[0].GetProperty("url").GetString());
        Assert.Equal("2021-07-28T08:00:00+07:00", deleted[0].GetProperty("date_published").GetString());
        Assert.Equal("2021-08-02T10:04:05+07:00", deleted[0].GetProperty("date_deleted").GetString());
        Assert.Equal(Withdrawn.Comment, deleted[0].GetProperty("comment").GetString());
        Assert.False(deleted[1].TryGetProperty("comment", out _));
    }
}
