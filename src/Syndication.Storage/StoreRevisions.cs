namespace Syndication.Storage;

/// <summary>Change counters of the store: each moves on every change to its part, in any process.</summary>
public sealed record StoreRevisions(long Articles, long Entries);
