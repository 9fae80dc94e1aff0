using System.Globalization;
using System.Text;
using Syndication.Core.Publishing;
using Syndication.Core.Text;
using Syndication.Storage.Partners;
using Syndication.Worker.Publishing;

namespace Syndication.Worker.Operations.Dashboard;

/// <summary>The operators' page of partners: each key's scopes, rate and state, and the traffic of recent days.</summary>
internal static class PartnersPage
{
    public static string Render(Site site, IReadOnlyList<Partner> partners, IReadOnlyList<PartnerUsage> usage, int days)
    {
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"""
            <h1>Đối tác (partners)</h1>
            <p>{partners.Count(p => p.IsActive)} khóa đang dùng, {partners.Count(p => !p.IsActive)} đã thu hồi. Tạo khóa: <code>syndication partners add TÊN --scope feeds</code></p>
            <table>
            <thead><tr><th>ID</th><th>Tên</th><th>Trạng thái</th><th>Phạm vi</th><th>Yêu cầu/phút</th><th>Mã khóa</th><th>Tạo lúc</th></tr></thead>
            <tbody>

            """);
        foreach (var partner in partners)
        {
            body.Append(CultureInfo.InvariantCulture, $"""
                <tr class="{(partner.IsActive ? "ok" : "removed")}"><td>{partner.Id}</td><td>{Html.Escape(partner.Name)}</td><td>{(partner.IsActive ? "đang dùng" : "đã thu hồi")}</td><td>{Html.Escape(string.Join(' ', partner.Scopes))}</td><td>{partner.RequestsPerMinute}</td><td><code>{Html.Escape(partner.KeyId)}</code></td><td>{HtmlLayout.Date(site, partner.Created)}</td></tr>

                """);
        }
        body.Append(CultureInfo.InvariantCulture, $"""
            </tbody>
            </table>
            <h2>Lưu lượng {days} ngày qua (UTC)</h2>
            <table>
            <thead><tr><th>Ngày</th><th>Đối tác</th><th>Yêu cầu</th><th>304</th><th>429</th><th>Byte</th></tr></thead>
            <tbody>

            """);
        foreach (var row in usage)
        {
            body.Append(CultureInfo.InvariantCulture, $"""
                <tr class="usage"><td>{row.Day:yyyy-MM-dd}</td><td>{Html.Escape(row.PartnerName)}</td><td>{row.Requests}</td><td>{row.NotModified}</td><td>{row.Throttled}</td><td>{row.Bytes}</td></tr>

                """);
        }
        body.Append("</tbody>\n</table>\n");
        return HtmlLayout.Page(site, "Đối tác", [], body.ToString(), wide: true);
    }
}
