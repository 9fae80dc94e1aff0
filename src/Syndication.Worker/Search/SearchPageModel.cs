using Syndication.Storage.Search;

namespace Syndication.Worker.Search;

/// <summary>What the search page shows: the query as typed, its scope, and the results or why there are none.</summary>
public sealed record SearchPageModel(string Text, SearchScope Scope, SearchResults? Results, string? Error);
