using System.Text;
using Syndication.Core.Publishing;
using Syndication.Core.Publishing.Rendering;
using Syndication.Core.Text;

namespace Syndication.Worker.Publishing;

/// <summary>The frame of our HTML pages: language, styles, and feed autodiscovery links.</summary>
internal static class HtmlLayout
{
    public sealed record FeedLink(string Title, string Path, FeedFormat Format);

    public static string Page(Site site, string title, IEnumerable<FeedLink> feeds, string bodyHtml, bool wide = false)
    {
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="{Html.Escape(site.Language)}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Html.Escape(title)}</title>

            """);
        foreach (var feed in feeds)
        {
            html.Append($"""<link rel="alternate" type="{feed.Format.MediaType()}" title="{Html.Escape(feed.Title)}" href="{Html.Escape(site.Url(feed.Path).AbsoluteUri)}">""").Append('\n');
        }
        html.Append("""
            <style>
            body{font:17px/1.6 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#222}
            a{color:#0b5394} h1{line-height:1.25} .meta{color:#666;font-size:.9em}
            figure{margin:1.5rem 0;padding:.75rem;background:#f4f4f4} figcaption{font-style:italic;color:#444}
            .lead{font-weight:600} .related{border-top:1px solid #ccc;margin-top:2rem;padding-top:1rem}
            ul.feeds li{margin:.3rem 0} code{background:#f4f4f4;padding:0 .2rem}
            body.wide{max-width:none} table{border-collapse:collapse;font-size:.85em} th,td{border:1px solid #ddd;padding:.25rem .4rem;text-align:left;vertical-align:top}
            tr.failing{background:#fde8e8} tr.gone,tr.removed{color:#888}
            </style>
            </head>

            """).Append(wide ? "<body class=\"wide\">\n" : "<body>\n")
            .Append("<header><a href=\"").Append(Html.Escape(site.BaseUrl.AbsoluteUri)).Append("\">").Append(Html.Escape(site.Name)).Append("</a></header>\n<main>\n");
        html.Append(bodyHtml);
        html.Append("\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    public static string Date(Site site, DateTimeOffset time) =>
        site.Local(time).ToString("HH:mm, dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
