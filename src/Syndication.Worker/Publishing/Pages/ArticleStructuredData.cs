using System.Text.Json;
using Syndication.Core.Articles;
using Syndication.Core.Publishing;
using Syndication.Worker.Web;

namespace Syndication.Worker.Publishing.Pages;

/// <summary>An article as schema.org <c>NewsArticle</c> JSON-LD, for search engines and link previews.</summary>
public static class ArticleStructuredData
{
    /// <summary>The JSON, safe to place inside a <c>&lt;script&gt;</c> element: the default encoder writes &lt;, &gt;, &amp;
    /// and quotes as \u escapes, so no text of the article can close the element.</summary>
    public static string Json(Site site, Article article, IReadOnlyList<string> images)
    {
        var url = site.ArticleUrl(article.Slug).AbsoluteUri;
        var data = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "NewsArticle",
            ["mainEntityOfPage"] = url,
            ["url"] = url,
            ["headline"] = article.Title,
            ["description"] = article.Lead ?? Core.Publishing.Rendering.FeedRenderer.Excerpt(article.BodyHtml),
            ["datePublished"] = SiteTime.Iso(site, article.Published),
            ["dateModified"] = SiteTime.Iso(site, article.Updated),
            ["inLanguage"] = site.Language,
            ["articleSection"] = article.Section.Name,
            ["keywords"] = article.Tags.Count > 0 ? string.Join(", ", article.Tags) : null,
            ["image"] = images.Count > 0 ? images : [site.Url(SiteAssets.IconPath).AbsoluteUri],
            ["author"] = article.Authors.Count > 0
                ? article.Authors.Select((name, i) => new Dictionary<string, object?>
                {
                    ["@type"] = "Person",
                    ["name"] = name,
                    ["url"] = i < article.AuthorSlugs.Count ? site.Url("authors/" + article.AuthorSlugs[i]).AbsoluteUri : null,
                }).ToList()
                : [Publisher(site)],
            ["publisher"] = Publisher(site),
        };
        return JsonSerializer.Serialize(data.Where(pair => pair.Value is not null).ToDictionary());
    }

    private static Dictionary<string, object?> Publisher(Site site) => new()
    {
        ["@type"] = "NewsMediaOrganization",
        ["name"] = site.Name,
        ["url"] = site.BaseUrl.AbsoluteUri,
        ["logo"] = new Dictionary<string, object?> { ["@type"] = "ImageObject", ["url"] = site.Url(SiteAssets.IconPath).AbsoluteUri, ["width"] = 512, ["height"] = 512 },
    };
}
