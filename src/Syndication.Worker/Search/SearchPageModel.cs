using Syndication.Storage.Search;

namespace Syndication.Worker.Search;

/// <summary>What the search page shows: the query as typed, its scope and order, and the results or why there are none.</summary>
public sealed record SearchPageModel(string Text, SearchScope Scope, SearchOrder Order, SearchResults? Results, string? Error);
