using System.Text;
using Syndication.Core.Articles;
using Syndication.Core.Publishing;
using Syndication.Core.Publishing.Rendering;
using Syndication.Core.Text;

namespace Syndication.Worker.Publishing;

/// <summary>The home page and section pages: every feed, with autodiscovery links, and the newest articles.</summary>
internal static class IndexPage
{
    public static string Render(Site site, IReadOnlyList<CatalogFeed> catalog, IReadOnlyList<Article> latest)
    {
        // Autodiscovery offers the main feeds only; the full list is in the page and in /feeds.opml.
        var discovery = new List<HtmlLayout.FeedLink>
        {
            new($"{site.Name} (RSS)", FeedAddress.Site(FeedFormat.Rss).Path, FeedFormat.Rss),
            new($"{site.Name} (Atom)", FeedAddress.Site(FeedFormat.Atom).Path, FeedFormat.Atom),
            new($"{site.Name} (JSON Feed)", FeedAddress.Site(FeedFormat.JsonFeed).Path, FeedFormat.JsonFeed),
        };
        discovery.AddRange(catalog
            .Where(feed => feed.Address.Kind == FeedKind.Section && feed.Address.Format == FeedFormat.Rss)
            .Select(feed => new HtmlLayout.FeedLink($"{feed.Title} (RSS)", feed.Address.Path, FeedFormat.Rss)));

        var body = new StringBuilder();
        body.Append($"""
            <h1>{Html.Escape(site.Name)}</h1>
            <p>{Html.Escape(site.Description)}</p>
            <form method="get" action="{Html.Escape(site.Url("search").AbsoluteUri)}"><input type="search" name="q" placeholder="Tìm bài, có dấu hay không dấu" size="40"> <button>Tìm</button></form>
            <h2>Kênh tin (RSS, Atom, JSON Feed)</h2>
            <p>Kênh tin giúp bạn nhận bài mới mà không cần vào trang: sao chép địa chỉ một kênh vào trình đọc tin
            (Feedly, Inoreader, NetNewsWire, Miniflux…). Tải <a href="{Html.Escape(site.Url("feeds.opml").AbsoluteUri)}">danh sách mọi kênh (OPML)</a>
            để nhập tất cả một lần.</p>

            """);
        foreach (var group in catalog.Where(feed => feed.Address.Kind != FeedKind.Archive).GroupBy(feed => feed.Group))
        {
            body.Append($"<h3>{Html.Escape(group.Key)}</h3>\n<ul class=\"feeds\">\n");
            foreach (var feed in group.GroupBy(feed => (feed.Address.Kind, feed.Address.Slug)))
            {
                var first = feed.First();
                var count = first.ArticleCount is { } n ? $" ({n} bài)" : "";
                body.Append($"<li>{Html.Escape(first.Title)}{count}: ")
                    .AppendJoin(" · ", feed.Select(f => $"<a href=\"{Html.Escape(site.Url(f.Address.Path).AbsoluteUri)}\">{FormatName(f.Address.Format)}</a>"))
                    .Append("</li>\n");
            }
            body.Append("</ul>\n");
        }
        var archives = catalog.Where(feed => feed.Address.Kind == FeedKind.Archive).Reverse().ToList();
        if (archives.Count > 0)
        {
            body.Append("<h3>Lưu trữ theo tháng (Atom, RFC 5005)</h3>\n<p>")
                .AppendJoin(" · ", archives.Select(f => $"<a href=\"{Html.Escape(site.Url(f.Address.Path).AbsoluteUri)}\">{Html.Escape(f.Title)}</a>"))
                .Append("</p>\n");
        }
        body.Append(ArticleList(site, "Bài mới", latest));
        return HtmlLayout.Page(site, site.Name, discovery, body.ToString());
    }

    public static string RenderSection(Site site, Section section, IReadOnlyList<Article> latest)
    {
        var feeds = new[] { FeedFormat.Rss, FeedFormat.Atom, FeedFormat.JsonFeed }
            .Select(format => new HtmlLayout.FeedLink($"{section.Name} ({FormatName(format)})", new FeedAddress(FeedKind.Section, format, section.Slug).Path, format))
            .ToList();
        var anchors = string.Join(" · ", feeds.Select(f => $"<a href=\"{Html.Escape(site.Url(f.Path).AbsoluteUri)}\">{FormatName(f.Format)}</a>"));
        var body = $"<h1>{Html.Escape(section.Name)}</h1>\n<p>Kênh tin của chuyên mục: {anchors}</p>\n" + ArticleList(site, "Bài mới", latest);
        return HtmlLayout.Page(site, $"{section.Name} – {site.Name}", feeds, body);
    }

    private static string FormatName(FeedFormat format) => format switch
    {
        FeedFormat.Rss => "RSS",
        FeedFormat.Atom => "Atom",
        _ => "JSON Feed",
    };

    private static string ArticleList(Site site, string heading, IReadOnlyList<Article> articles)
    {
        var list = new StringBuilder($"<h2>{Html.Escape(heading)}</h2>\n<ul>\n");
        foreach (var article in articles)
        {
            list.Append($"<li><a href=\"{Html.Escape(site.ArticleUrl(article.Slug).AbsoluteUri)}\">{Html.Escape(article.Title)}</a> <span class=\"meta\">{HtmlLayout.Date(site, article.Published)}</span></li>\n");
        }
        return list.Append("</ul>\n").ToString();
    }
}
