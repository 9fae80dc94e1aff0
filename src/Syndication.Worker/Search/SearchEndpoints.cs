using Microsoft.Extensions.Options;
using Syndication.Core.Publishing.Rendering;
using Syndication.Core.Search;
using Syndication.Storage.Search;
using Syndication.Worker.Configuration;
using Syndication.Worker.Publishing;

namespace Syndication.Worker.Search;

/// <summary>
/// Maps <c>/search</c> (HTML) and the search feeds <c>/feeds/search.atom</c>, <c>/feeds/search/{rss.xml|atom.xml|feed.json}</c>,
/// each taking <c>q</c> and <c>scope=archive|related|all</c>. A query that cannot be searched answers 400 with a plain message.
/// </summary>
public static class SearchEndpoints
{
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/search", GetAndHead, async (HttpContext context, SearchService search) =>
        {
            var text = context.Request.Query["q"].ToString();
            var (scope, scopeError) = Scope(context.Request);
            if (scopeError is not null || text.Trim().Length == 0)
            {
                return Page(new SearchPageModel(text, scope, null, scopeError), scopeError is null ? 200 : 400);
            }
            try
            {
                var results = await search.SearchAsync(SearchQuery.Parse(text), scope, context.RequestAborted);
                return Page(new SearchPageModel(text, scope, results, null), 200);
            }
            catch (SearchQueryException error)
            {
                return Page(new SearchPageModel(text, scope, null, error.Message), 400);
            }
        });
        app.MapMethods("/feeds/search.atom", GetAndHead, (HttpContext context) => ServeFeedAsync(context, "feeds/search.atom", FeedFormat.Atom));
        app.MapMethods("/feeds/search/{file}", GetAndHead, (HttpContext context, string file) => file switch
        {
            "rss.xml" => ServeFeedAsync(context, "feeds/search/rss.xml", FeedFormat.Rss),
            "atom.xml" => ServeFeedAsync(context, "feeds/search/atom.xml", FeedFormat.Atom),
            "feed.json" => ServeFeedAsync(context, "feeds/search/feed.json", FeedFormat.JsonFeed),
            _ => PlainAsync(context, 404, "Search feeds are rss.xml, atom.xml and feed.json (or /feeds/search.atom)."),
        });
        return app;
    }

    private static async Task ServeFeedAsync(HttpContext context, string path, FeedFormat format)
    {
        var (scope, scopeError) = Scope(context.Request);
        if (scopeError is not null)
        {
            await PlainAsync(context, 400, scopeError);
            return;
        }
        SearchQuery query;
        try
        {
            query = SearchQuery.Parse(context.Request.Query["q"].ToString());
        }
        catch (SearchQueryException error)
        {
            await PlainAsync(context, 400, error.Message);
            return;
        }
        var feed = await context.RequestServices.GetRequiredService<SearchService>().GetFeedAsync(query, scope, path, format, context.RequestAborted);
        var maxAge = context.RequestServices.GetRequiredService<IOptions<SyndicationOptions>>().Value.FeedMaxAgeSeconds;
        if (Publishing.Browsing.FeedNegotiation.PrefersHtml(context.Request.Headers.Accept))
        {
            var parameters = SearchService.QueryString(query.Text, scope);
            await Publishing.Browsing.FeedPreview.WriteAsync(context, feed, path + parameters, format, "search" + parameters, maxAge);
            return;
        }
        await FeedResponder.WriteAsync(context, feed, maxAge);
    }

    private static (SearchScope Scope, string? Error) Scope(HttpRequest request) => request.Query["scope"].ToString() switch
    {
        "" or "all" => (SearchScope.All, null),
        "archive" => (SearchScope.Archive, null),
        "related" => (SearchScope.Related, null),
        var other => (SearchScope.All, $"'scope' must be archive, related or all (not '{Truncate(other)}').")
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static Task PlainAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message + "\n", context.RequestAborted);
    }

    private static IResult Page(SearchPageModel model, int status) => Web.HtmlPages.Page<SearchPage>(model, status);
}
