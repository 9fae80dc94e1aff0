namespace Syndication.Storage.Search;

/// <summary>How hits are ordered: newest first (what a subscribed search feed wants) or best match first.</summary>
public enum SearchOrder
{
    Newest,
    Relevance,
}
