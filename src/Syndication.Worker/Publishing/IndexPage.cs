using System.Text;
using Syndication.Core.Articles;
using Syndication.Core.Publishing;
using Syndication.Core.Publishing.Rendering;
using Syndication.Core.Text;
using Syndication.Storage.Articles;

namespace Syndication.Worker.Publishing;

/// <summary>The home page and section pages: every feed, with autodiscovery links, and the newest articles.</summary>
internal static class IndexPage
{
    public static string Render(Site site, IReadOnlyList<SectionSummary> sections, IReadOnlyList<Article> latest)
    {
        var feeds = new List<HtmlLayout.FeedLink>
        {
            new($"{site.Name} (RSS)", FeedPaths.Site(FeedFormat.Rss), FeedFormat.Rss),
            new($"{site.Name} (Atom)", FeedPaths.Site(FeedFormat.Atom), FeedFormat.Atom),
        };
        foreach (var summary in sections)
        {
            feeds.Add(new($"{summary.Section.Name} (RSS)", FeedPaths.Section(summary.Section.Slug, FeedFormat.Rss), FeedFormat.Rss));
            feeds.Add(new($"{summary.Section.Name} (Atom)", FeedPaths.Section(summary.Section.Slug, FeedFormat.Atom), FeedFormat.Atom));
        }
        var body = new StringBuilder();
        body.Append($"""
            <h1>{Html.Escape(site.Name)}</h1>
            <p>{Html.Escape(site.Description)}</p>
            <h2>Kênh tin (RSS / Atom)</h2>
            <p>Sao chép địa chỉ một kênh vào trình đọc tin (Feedly, Inoreader, NetNewsWire, Miniflux…) để nhận bài mới.</p>
            <ul class="feeds">
            <li>Tất cả bài viết: {FeedAnchors(site, FeedPaths.Site(FeedFormat.Rss), FeedPaths.Site(FeedFormat.Atom))}</li>

            """);
        foreach (var summary in sections)
        {
            body.Append($"<li><a href=\"{Html.Escape(site.SectionPageUrl(summary.Section).AbsoluteUri)}\">{Html.Escape(summary.Section.Name)}</a> ({summary.ArticleCount} bài): ")
                .Append(FeedAnchors(site, FeedPaths.Section(summary.Section.Slug, FeedFormat.Rss), FeedPaths.Section(summary.Section.Slug, FeedFormat.Atom)))
                .Append("</li>\n");
        }
        body.Append("</ul>\n");
        body.Append(ArticleList(site, "Bài mới", latest));
        return HtmlLayout.Page(site, site.Name, feeds, body.ToString());
    }

    public static string RenderSection(Site site, Section section, IReadOnlyList<Article> latest)
    {
        var rss = FeedPaths.Section(section.Slug, FeedFormat.Rss);
        var atom = FeedPaths.Section(section.Slug, FeedFormat.Atom);
        var body = $"<h1>{Html.Escape(section.Name)}</h1>\n<p>Kênh tin của chuyên mục: {FeedAnchors(site, rss, atom)}</p>\n"
            + ArticleList(site, "Bài mới", latest);
        var feeds = new HtmlLayout.FeedLink[]
        {
            new($"{section.Name} (RSS)", rss, FeedFormat.Rss),
            new($"{section.Name} (Atom)", atom, FeedFormat.Atom),
        };
        return HtmlLayout.Page(site, $"{section.Name} – {site.Name}", feeds, body);
    }

    private static string FeedAnchors(Site site, string rssPath, string atomPath) =>
        $"<a href=\"{Html.Escape(site.Url(rssPath).AbsoluteUri)}\">RSS</a> · <a href=\"{Html.Escape(site.Url(atomPath).AbsoluteUri)}\">Atom</a>";

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
