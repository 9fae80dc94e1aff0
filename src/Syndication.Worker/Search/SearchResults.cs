using Syndication.Core.Publishing;
using Syndication.Core.Search;
using Syndication.Storage.Search;

namespace Syndication.Worker.Search;

/// <summary>What a search found: the hits (with snippets, for the page) and the same as feed items (for the feeds).</summary>
public sealed record SearchResults(SearchQuery Query, SearchScope Scope, IReadOnlyList<SearchHit> Hits, IReadOnlyList<SearchFeedItem> Items);
