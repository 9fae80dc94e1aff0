using System.Text;
using Syndication.Core.Articles;
using Syndication.Core.Publishing;
using Syndication.Core.Publishing.Rendering;
using Syndication.Core.Text;
using Syndication.Storage.Search;

namespace Syndication.Worker.Publishing;

/// <summary>An article as a plain, readable HTML page: title, time, lead, body with figures, byline, related teasers,
/// and the related coverage other publishers gave its subject.</summary>
internal static class ArticlePage
{
    public static string Render(Site site, Article article, IReadOnlyList<RelatedEntry> coverage)
    {
        var body = new StringBuilder();
        body.Append($"""
            <article>
            <p class="meta"><a href="{Html.Escape(site.SectionPageUrl(article.Section).AbsoluteUri)}">{Html.Escape(article.Section.Name)}</a></p>
            <h1>{Html.Escape(article.Title)}</h1>
            <p class="meta"><time datetime="{site.Local(article.Published):yyyy-MM-ddTHH:mm:sszzz}">{HtmlLayout.Date(site, article.Published)}</time></p>

            """);
        if (article.Lead is { Length: > 0 } lead)
        {
            body.Append($"<p class=\"lead\">{Html.Escape(lead)}</p>\n");
        }
        body.Append(article.BodyHtml).Append('\n');
        if (article.Authors.Count > 0)
        {
            body.Append($"<p class=\"byline\"><strong>{Html.Escape(string.Join(" - ", article.Authors))}</strong></p>\n");
        }
        if (article.Tags.Count > 0)
        {
            body.Append($"<p class=\"meta\">Từ khóa: {Html.Escape(string.Join(", ", article.Tags))}</p>\n");
        }
        body.Append("</article>\n");
        if (article.Related.Count > 0)
        {
            body.Append("<aside class=\"related\">\n<h2>Tin liên quan</h2>\n");
            foreach (var link in article.Related)
            {
                var title = Html.Escape(link.Title);
                body.Append("<section>\n<h3>")
                    .Append(link.Url is null ? title : $"<a href=\"{Html.Escape(link.Url)}\">{title}</a>")
                    .Append("</h3>\n");
                if (link.Summary is { } summary)
                {
                    body.Append($"<p>{Html.Escape(summary)}</p>\n");
                }
                body.Append("</section>\n");
            }
            body.Append("</aside>\n");
        }
        var relatedFeed = new FeedAddress(FeedKind.ArticleRelated, FeedFormat.Atom, article.Slug).Path;
        if (coverage.Count > 0)
        {
            // Laid out like the newspaper's own related teasers: a heading, then each piece with its source and date.
            body.Append("<aside class=\"related coverage\">\n<h2>Báo khác viết gì</h2>\n");
            foreach (var related in coverage)
            {
                var entry = related.Entry;
                var title = Html.Escape(entry.Title ?? entry.Link ?? "(không có tiêu đề)");
                var date = RelatedFeedDates.Published(entry);
                body.Append("<section>\n<h3>")
                    .Append(Uri.TryCreate(entry.Link, UriKind.Absolute, out var link) && link.Scheme is "http" or "https"
                        ? $"<a href=\"{Html.Escape(link.AbsoluteUri)}\" rel=\"nofollow noopener\">{title}</a>"
                        : title)
                    .Append("</h3>\n")
                    .Append($"<p class=\"meta\">{Html.Escape(entry.SourceTitle ?? new Uri(entry.SourceUrl).Host)} · ")
                    .Append($"<time datetime=\"{site.Local(date):yyyy-MM-ddTHH:mm:sszzz}\">{HtmlLayout.Date(site, date)}</time></p>\n</section>\n");
            }
            body.Append($"<p class=\"meta\"><a href=\"{Html.Escape(site.Url(relatedFeed).AbsoluteUri)}\">Theo dõi tin liên quan (Atom)</a></p>\n</aside>\n");
        }
        var feeds = new[]
        {
            new HtmlLayout.FeedLink(site.Name, FeedAddress.Site(FeedFormat.Rss).Path, FeedFormat.Rss),
            new HtmlLayout.FeedLink($"{article.Section.Name} – {site.Name}", new FeedAddress(FeedKind.Section, FeedFormat.Rss, article.Section.Slug).Path, FeedFormat.Rss),
            new HtmlLayout.FeedLink($"Tin liên quan: {article.Title}", relatedFeed, FeedFormat.Atom),
        };
        return HtmlLayout.Page(site, $"{article.Title} – {site.Name}", feeds, body.ToString());
    }
}
