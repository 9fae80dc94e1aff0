using System.Text;
using Syndication.Core.Publishing;
using Syndication.Core.Publishing.Rendering;
using Syndication.Core.Text;
using Syndication.Storage.Search;
using Syndication.Worker.Publishing;

namespace Syndication.Worker.Search;

/// <summary>The search page: a form, the newest matches with snippets, and the query's feeds to subscribe to.</summary>
internal static class SearchPage
{
    public static string Render(Site site, string text, SearchScope scope, SearchResults? results, string? error)
    {
        var body = new StringBuilder();
        body.Append($"""
            <h1>Tìm kiếm</h1>
            <form method="get" action="{Html.Escape(site.Url("search").AbsoluteUri)}">
            <input type="search" name="q" value="{Html.Escape(text)}" placeholder="ví dụ: tín dụng chính sách, Đắk Lắk" size="40">
            <select name="scope">
            """);
        foreach (var option in new[] { SearchScope.All, SearchScope.Archive, SearchScope.Related })
        {
            body.Append($"<option value=\"{SearchService.ScopeParameter(option)}\"{(option == scope ? " selected" : "")}>{Html.Escape(SearchService.ScopeName(option))}</option>");
        }
        body.Append("</select>\n<button>Tìm</button>\n</form>\n");
        if (error is not null)
        {
            body.Append($"<p class=\"lead\">{Html.Escape(error)}</p>\n");
        }
        var feeds = new List<HtmlLayout.FeedLink>();
        if (results is not null)
        {
            var query = SearchService.QueryString(results.Query.Text, scope);
            feeds.Add(new HtmlLayout.FeedLink($"Tìm “{text}” (Atom)", "feeds/search.atom" + query, FeedFormat.Atom));
            feeds.Add(new HtmlLayout.FeedLink($"Tìm “{text}” (RSS)", "feeds/search/rss.xml" + query, FeedFormat.Rss));
            body.Append($"<p>{results.Hits.Count} kết quả mới nhất. Theo dõi tìm kiếm này: ")
                .Append($"<a href=\"{Html.Escape(site.Url("feeds/search.atom" + query).AbsoluteUri)}\">Atom</a> · ")
                .Append($"<a href=\"{Html.Escape(site.Url("feeds/search/rss.xml" + query).AbsoluteUri)}\">RSS</a> · ")
                .Append($"<a href=\"{Html.Escape(site.Url("feeds/search/feed.json" + query).AbsoluteUri)}\">JSON Feed</a></p>\n<ol class=\"results\">\n");
            foreach (var hit in results.Hits)
            {
                var (url, from) = hit.Kind == SearchHitKind.Article
                    ? (site.ArticleUrl(hit.ArticleSlug!).AbsoluteUri, hit.SectionName ?? "")
                    : (hit.Entry?.Link, hit.Entry?.SourceTitle ?? (hit.Entry is { } entry ? new Uri(entry.SourceUrl).Host : ""));
                var title = Html.Escape(hit.Title);
                body.Append("<li><h3>")
                    .Append(url is not null && Uri.TryCreate(url, UriKind.Absolute, out var link) && link.Scheme is "http" or "https"
                        ? $"<a href=\"{Html.Escape(link.AbsoluteUri)}\">{title}</a>"
                        : title)
                    .Append($"</h3>\n<p class=\"meta\">{Html.Escape(from)} · {HtmlLayout.Date(site, hit.Published)}</p>\n")
                    .Append($"<p>{Html.Escape(hit.Snippet)}</p></li>\n");
            }
            body.Append("</ol>\n");
        }
        return HtmlLayout.Page(site, text.Length > 0 ? $"Tìm “{text}” – {site.Name}" : $"Tìm kiếm – {site.Name}", feeds, body.ToString());
    }
}
