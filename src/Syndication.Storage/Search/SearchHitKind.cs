namespace Syndication.Storage.Search;

/// <summary>Whether a hit is an archive article or an ingested entry.</summary>
public enum SearchHitKind
{
    Article,
    Entry,
}
