using Microsoft.Extensions.Options;
using Syndication.Core.Publishing;
using Syndication.Core.Publishing.Rendering;
using Syndication.Core.Search;
using Syndication.Storage.Articles;
using Syndication.Storage.Search;
using Syndication.Worker.Publishing;

namespace Syndication.Worker.Search;

/// <summary>Runs a search over the archive and the related coverage — best match first for the page, newest first for
/// the feeds, one hit per story of several outlets' copies — and renders it as a feed.</summary>
public sealed class SearchService(SearchStore search, ArticleStore articles, SiteProvider sites, ArchiveRevision revision, IOptions<SearchOptions> options)
{
    /// <summary>Readers poll a subscribed search like any feed: the same query is answered from memory until the store
    /// changes. Queries come from anyone, so both the count and the bytes are bounded (8 MB: ~200 result feeds).</summary>
    private readonly FeedCache _feeds = new(revision, capacity: 512, maxBytes: 8 * 1024 * 1024);

    /// <summary>The search feed at <paramref name="path"/> for a query and scope, rendered once per change of the store.</summary>
    public async Task<RenderedFeed> GetFeedAsync(SearchQuery query, SearchScope scope, string path, FeedFormat format, CancellationToken cancellationToken) =>
        (await _feeds.GetAsync($"{path}|{scope}|{query.Text.Trim()}", FeedCache.Both,
            async token => Render(await SearchAsync(query, scope, token), path, format), cancellationToken))!;

    /// <summary>How many of the engine's best candidates of each kind the page ranks: enough that what the words alone
    /// rank low but the phrase ranks high is among them, few enough to read their text on every search.</summary>
    public const int RelevancePool = SearchStore.MaxLimit;

    /// <summary>The best matches first, as <see cref="SearchRanking"/> orders them, with snippets around the best match.</summary>
    public async Task<SearchResults> SearchByRelevanceAsync(SearchQuery query, SearchScope scope, CancellationToken cancellationToken)
    {
        var candidates = new List<SearchHit>();
        // Each kind on its own: the engine's relevance is comparable within a kind only, and each kind's best belong in the pool.
        foreach (var kind in scope == SearchScope.All ? [SearchScope.Archive, SearchScope.Related] : new[] { scope })
        {
            var hits = await search.SearchAsync(query, kind, SearchOrder.Relevance, RelevancePool, cancellationToken);
            var best = hits.Count == 0 ? 0 : hits.Max(hit => hit.Rank ?? 0);
            candidates.AddRange(hits.Select(hit => hit with { Rank = SearchRanking.Score(query, hit.Title, hit.Text, best > 0 ? (hit.Rank ?? 0) / best : 0) }));
        }
        var ranked = StoryHits.Group([.. candidates.OrderByDescending(hit => hit.Rank).ThenByDescending(hit => hit.Published)])
            .Take(options.Value.ResultSize)
            .Select(hit => hit with { Snippet = SearchSnippet.Best(hit.Text, query) })
            .ToList();
        return new SearchResults(query, scope, ranked, []);
    }

    /// <summary>The newest matches first, with their feed items (what the search feeds show).</summary>
    public async Task<SearchResults> SearchAsync(SearchQuery query, SearchScope scope, CancellationToken cancellationToken)
    {
        var hits = StoryHits.Group(await search.SearchAsync(query, scope, SearchOrder.Newest, options.Value.ResultSize, cancellationToken));
        var found = (await articles.GetByIdsAsync([.. hits.Where(hit => hit.Kind == SearchHitKind.Article).Select(hit => hit.Id)], cancellationToken))
            .ToDictionary(article => article.Id);
        var items = new List<SearchFeedItem>(hits.Count);
        foreach (var hit in hits)
        {
            if (hit.Kind == SearchHitKind.Entry && hit.Entry is { } entry)
            {
                items.Add(SearchFeedItem.Of(entry));
            }
            else if (found.TryGetValue(hit.Id, out var article))
            {
                items.Add(SearchFeedItem.Of(article));
            }
        }
        return new SearchResults(query, scope, hits, items);
    }

    /// <summary>The results as a feed at <paramref name="path"/> (which keeps the query, so a reader can subscribe to it).</summary>
    public RenderedFeed Render(SearchResults results, string path, FeedFormat format)
    {
        var site = sites.Site;
        var document = new SearchFeedDocument(
            $"Tìm “{results.Query.Text.Trim()}” – {site.Name}",
            $"Bài mới nhất khớp với “{results.Query.Text.Trim()}” ({ScopeName(results.Scope)})",
            path + QueryString(results.Query.Text, results.Scope),
            "search" + QueryString(results.Query.Text, results.Scope),
            results.Items);
        var renderer = new FeedRenderer(site, site.Url(FeedStylesheet.Path));
        return new RenderedFeed(renderer.Render(document, format), format.MediaType() + "; charset=utf-8", document.Updated);
    }

    public static string QueryString(string text, SearchScope scope) =>
        $"?q={Uri.EscapeDataString(text.Trim())}" + (scope == SearchScope.All ? "" : "&scope=" + ScopeParameter(scope));

    public static string ScopeParameter(SearchScope scope) => scope.ToString().ToLowerInvariant();

    public static string ScopeName(SearchScope scope) => scope switch
    {
        SearchScope.Archive => "bài của báo",
        SearchScope.Related => "tin từ các báo khác",
        _ => "bài của báo và tin từ các báo khác",
    };
}
