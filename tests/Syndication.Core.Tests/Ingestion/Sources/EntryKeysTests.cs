using Syndication.Core.Ingestion;
using Syndication.Core.Ingestion.Sources;

namespace Syndication.Core.Tests.Ingestion.Sources;

public sealed class EntryKeysTests
{
    private static ParsedEntry Entry(string? id = null, string? link = null, string? title = null, DateTimeOffset? published = null) =>
        new(id, link, title, published, null, [], null, null, [], []);

    [Fact]
    public void The_id_wins_over_the_link()
    {
        Assert.Equal("id:tag:a,2021:1", EntryKeys.For(Entry(id: " tag:a,2021:1 ", link: "https://a.example/1")));
    }

    [Fact]
    public void Without_an_id_the_link_is_the_key()
    {
        Assert.Equal("link:https://a.example/1", EntryKeys.For(Entry(link: "https://a.example/1")));
    }

    [Fact]
    public void Without_id_and_link_title_and_date_make_a_stable_hash()
    {
        var published = new DateTimeOffset(2021, 7, 29, 10, 3, 0, TimeSpan.Zero);

        var first = EntryKeys.For(Entry(title: "Tin A", published: published));

        Assert.StartsWith("hash:", first);
        Assert.Equal(first, EntryKeys.For(Entry(title: "Tin A", published: published)));
        Assert.NotEqual(first, EntryKeys.For(Entry(title: "Tin B", published: published)));
        Assert.NotEqual(first, EntryKeys.For(Entry(title: "Tin A", published: published.AddMinutes(1))));
    }
}
