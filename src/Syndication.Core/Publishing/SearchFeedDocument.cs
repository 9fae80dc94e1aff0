using Syndication.Core.Articles;
using Syndication.Core.Ingestion.Sources;

namespace Syndication.Core.Publishing;

/// <summary>A feed of search results: our articles and other publishers' entries, in the order the search gave them.</summary>
public sealed record SearchFeedDocument(string Title, string Description, string SelfPath, string AlternatePath, IReadOnlyList<SearchFeedItem> Items)
{
    /// <summary>The newest change among the items; an empty result has a fixed time, so it stays byte-stable.</summary>
    public DateTimeOffset Updated => Items.Count == 0 ? EmptyFeeds.Updated : Items.Max(item => item.Updated);
}

/// <summary>One search result: an article of ours, or an ingested entry (exactly one of the two).</summary>
public sealed record SearchFeedItem
{
    private SearchFeedItem(Article? article, IngestedEntry? entry)
    {
        Article = article;
        Entry = entry;
    }

    public Article? Article { get; }

    public IngestedEntry? Entry { get; }

    public DateTimeOffset Updated => Article?.Updated ?? RelatedFeedDates.Updated(Entry!);

    public static SearchFeedItem Of(Article article) => new(article, null);

    public static SearchFeedItem Of(IngestedEntry entry) => new(null, entry);
}
