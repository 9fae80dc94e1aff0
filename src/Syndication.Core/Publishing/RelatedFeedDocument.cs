using Syndication.Core.Ingestion.Sources;

namespace Syndication.Core.Publishing;

/// <summary>A feed of ingested entries from other publishers, each naming its source, newest first.</summary>
public sealed record RelatedFeedDocument(string Title, string Description, string SelfPath, string AlternatePath, IReadOnlyList<IngestedEntry> Entries)
{
    /// <summary>Extra links, such as the WebSub hub.</summary>
    public IReadOnlyList<FeedLink> Links { get; init; } = [];

    /// <summary>The newest change among the entries; an empty feed has a fixed time, so it stays byte-stable.</summary>
    public DateTimeOffset Updated => Entries.Count == 0 ? EmptyFeeds.Updated : Entries.Max(RelatedFeedDates.Updated);
}

/// <summary>The dates a republished entry shows, filled in where its publisher gave none.</summary>
public static class RelatedFeedDates
{
    public static DateTimeOffset Published(IngestedEntry entry) => entry.Published ?? entry.Sort;

    public static DateTimeOffset Updated(IngestedEntry entry) => entry.Updated ?? entry.Published ?? entry.FirstSeen;
}
