using System.Globalization;
using System.Text;
using Syndication.Core.Publishing;
using Syndication.Core.Text;
using Syndication.Worker.Publishing;

namespace Syndication.Worker.Operations.Dashboard;

/// <summary>The operators' page: every source with its health, failing ones first, and a button to poll it now.</summary>
internal static class SourcesPage
{
    public static string Render(Site site, IReadOnlyList<SourceHealth> sources, string? notice)
    {
        var body = new StringBuilder();
        var failing = sources.Count(source => source.State == "failing");
        body.Append(CultureInfo.InvariantCulture, $"""
            <h1>Nguồn tin (sources)</h1>
            <p>{sources.Count} nguồn, {failing} đang lỗi. JSON: <a href="{Html.Escape(site.Url("api/sources").AbsoluteUri)}">/api/sources</a></p>

            """);
        if (notice is not null)
        {
            body.Append($"<p class=\"lead\">{Html.Escape(notice)}</p>\n");
        }
        body.Append("""
            <table>
            <thead><tr><th>ID</th><th>Nguồn</th><th>Trạng thái</th><th>Lần lấy cuối</th><th>Thành công cuối</th><th>HTTP</th><th>Bài</th><th>Lỗi liên tiếp</th><th>Lần lấy tới</th><th>Lỗi cuối</th><th></th></tr></thead>
            <tbody>

            """);
        foreach (var source in sources.OrderBy(s => s.State == "failing" ? 0 : s.State == "ok" ? 1 : 2).ThenBy(s => s.Id))
        {
            body.Append(CultureInfo.InvariantCulture, $"""
                <tr class="{source.State}"><td>{source.Id}</td><td><a href="{Html.Escape(source.Url)}">{Html.Escape(source.Title ?? source.Url)}</a></td><td>{source.State}</td><td>{Time(site, source.LastPoll)}</td><td>{Time(site, source.LastSuccess)}</td><td>{source.LastStatus?.ToString(CultureInfo.InvariantCulture) ?? "–"}</td><td>{source.EntryCount}</td><td>{source.ConsecutiveFailures}</td><td>{Time(site, source.NextPoll)}</td><td>{Html.Escape(source.LastError ?? "")}</td><td>
                """);
            if (source.State is "ok" or "failing")
            {
                body.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{Html.Escape(site.Url($"admin/sources/{source.Id}/poll").AbsoluteUri)}\"><button>Lấy ngay</button></form>");
            }
            body.Append("</td></tr>\n");
        }
        body.Append("</tbody>\n</table>\n");
        return HtmlLayout.Page(site, "Nguồn tin – quản trị", [], body.ToString(), wide: true);
    }

    private static string Time(Site site, DateTimeOffset? time) => time is { } value ? HtmlLayout.Date(site, value) : "–";
}
