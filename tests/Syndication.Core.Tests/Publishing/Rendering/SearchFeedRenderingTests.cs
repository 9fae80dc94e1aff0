using System.Text.Json;
using System.Xml.Linq;
using Syndication.Core.Publishing;
using Syndication.Core.Publishing.Rendering;

namespace Syndication.Core.Tests.Publishing.Rendering;

public sealed class SearchFeedRenderingTests
{
    private static readonly XNamespace Atom = FeedRenderer.AtomNamespace;
    private static readonly XNamespace Content = FeedRenderer.ContentNamespace;

    private readonly FeedRenderer _renderer = new(RenderingSamples.Site);

    private static SearchFeedDocument Document(FeedFormat format) => new(
        "Tìm “tín dụng” – Báo Đắk Lắk", "Kết quả tìm kiếm", "feeds/search/" + format.FileName() + "?q=tin%20dung", "search?q=tin%20dung",
        [SearchFeedItem.Of(RenderingSamples.RelatedEntry()), SearchFeedItem.Of(RenderingSamples.SampleArticle())]);

    [Fact]
    public void Rss_keeps_the_search_order_with_our_article_as_a_lead_and_the_entry_naming_its_source()
    {
        var items = XDocument.Parse(System.Text.Encoding.UTF8.GetString(_renderer.Render(Document(FeedFormat.Rss), FeedFormat.Rss)))
            .Root!.Element("channel")!.Elements("item").ToList();

        Assert.Equal(2, items.Count);
        Assert.Equal("Báo Nông nghiệp", items[0].Element("source")!.Value);
        Assert.Equal("Tăng cường sự lãnh đạo của Đảng đối với tín dụng chính sách xã hội", items[1].Element("title")!.Value);
        Assert.Null(items[1].Element(Content + "encoded"));
    }

    [Fact]
    public void Atom_entries_carry_a_source_for_republished_items_only()
    {
        var entries = XDocument.Parse(System.Text.Encoding.UTF8.GetString(_renderer.Render(Document(FeedFormat.Atom), FeedFormat.Atom)))
            .Root!.Elements(Atom + "entry").ToList();

        Assert.Equal([true, false], entries.Select(entry => entry.Element(Atom + "source") is not null));
    }

    [Fact]
    public void Json_items_are_valid_and_in_order()
    {
        using var json = JsonDocument.Parse(_renderer.Render(Document(FeedFormat.JsonFeed), FeedFormat.JsonFeed));
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(2, items.Count);
        Assert.True(items[0].TryGetProperty("_source", out _));
        Assert.Equal("Ban Thường vụ Tỉnh ủy vừa ban hành Công văn số 940.", items[1].GetProperty("content_text").GetString());
    }

    [Fact]
    public void An_empty_result_is_a_valid_feed_with_a_fixed_date()
    {
        var empty = Document(FeedFormat.Atom) with { Items = [] };

        var feed = XDocument.Parse(System.Text.Encoding.UTF8.GetString(_renderer.Render(empty, FeedFormat.Atom))).Root!;

        Assert.Empty(feed.Elements(Atom + "entry"));
        Assert.Equal(EmptyFeeds.Updated, DateTimeOffset.Parse(feed.Element(Atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture));
    }
}
