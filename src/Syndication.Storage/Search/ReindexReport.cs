namespace Syndication.Storage.Search;

/// <summary>How many articles and entries a rebuild of the search indexes put back.</summary>
public sealed record ReindexReport(int Articles, int Entries);
