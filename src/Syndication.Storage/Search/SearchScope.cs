namespace Syndication.Storage.Search;

/// <summary>What a search looks through: the archive's articles, the ingested related coverage, or both.</summary>
public enum SearchScope
{
    Archive,
    Related,
    All,
}
