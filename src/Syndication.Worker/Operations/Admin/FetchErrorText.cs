using System.Text.RegularExpressions;

namespace Syndication.Worker.Operations.Admin;

/// <summary>
/// The fetcher's one-line errors (English, as logs and the CLI keep them) in Vietnamese for the admin console. The
/// sentences are the fixed shapes <c>FetchErrors</c> and the poller write; anything else is shown as it is, marked.
/// </summary>
internal static class FetchErrorText
{
    private static readonly (Regex Pattern, string Vietnamese)[] Shapes =
    [
        (Shape(@"the feed is gone \(HTTP 410\); polling stopped"), "Kênh tin đã bị gỡ hẳn (HTTP 410); ngừng lấy tin"),
        (Shape(@"not a readable feed: (?<a>.*)"), "Không đọc được kênh tin: ${a}"),
        (Shape(@"HTTP (?<a>\d{3})(?: [^\n]*)? without a usable Location header"), "Chuyển hướng (HTTP ${a}) không có địa chỉ Location dùng được"),
        (Shape(@"HTTP (?<a>\d{3})(?: [^\n]*)? with an empty body"), "HTTP ${a} nhưng nội dung trống"),
        (Shape(@"HTTP (?<a>\d{3})(?: [^\n]*)? to a request that was not conditional"), "HTTP ${a} cho một yêu cầu không có điều kiện"),
        (Shape(@"HTTP (?<a>\d{3})(?: [^\n]*)?"), "Máy chủ trả lời HTTP ${a}"),
        (Shape(@"redirect to unsupported scheme '(?<a>[^']*)': only http and https are fetched"), "Chuyển hướng tới giao thức '${a}': chỉ lấy http và https"),
        (Shape(@"unsupported scheme '(?<a>[^']*)': only http and https are fetched"), "Giao thức '${a}' không được hỗ trợ: chỉ lấy http và https"),
        (Shape(@"more than (?<a>\d+) redirects"), "Chuyển hướng quá ${a} lần"),
        (Shape(@"redirect loop: (?<a>\S+) was already visited"), "Chuyển hướng vòng lặp: đã qua ${a}"),
        (Shape(@"body exceeds the (?<a>\d+)-byte limit"), "Nội dung vượt giới hạn ${a} byte"),
        (Shape(@"connection to (?<a>\S+) timed out after (?<b>[\d.]+) s"), "Kết nối tới ${a} quá hạn sau ${b} giây"),
        (Shape(@"timed out after (?<a>[\d.]+) s"), "Hết thời gian chờ sau ${a} giây"),
        (Shape(@"host (?<a>\S+) not found"), "Không tìm thấy máy chủ ${a} (tên miền không phân giải được)"),
        (Shape(@"connection to (?<a>\S+) refused: (?<b>[^;]*?)(?: \(host (?<c>[^)]+)\))?; set (?<d>\S+) to true to allow non-public addresses"),
            "Từ chối kết nối tới ${a}: địa chỉ không công khai (${b}); đặt ${d} = true để cho phép"),
        (Shape(@"connection to (?<a>\S+) refused"), "Máy chủ ${a} từ chối kết nối"),
        (Shape(@"connection to (?<a>\S+) reset by the server"), "Máy chủ ${a} cắt ngang kết nối"),
        (Shape(@"connection to (?<a>\S+) timed out"), "Kết nối tới ${a} quá hạn"),
        (Shape(@"(?<a>\S+) is unreachable"), "Không tới được ${a}"),
        (Shape(@"connection to (?<a>\S+) failed: (?<b>.*)"), "Kết nối tới ${a} thất bại: ${b}"),
        (Shape(@"TLS handshake with (?<a>\S+) failed: (?<b>.*)"), "Bắt tay TLS với ${a} thất bại: ${b}"),
        (Shape(@"response from (?<a>\S+) could not be decompressed: (?<b>.*)"), "Không giải nén được trả lời của ${a}: ${b}"),
        (Shape(@"(?<a>\S+) closed the connection before the response was complete"), "${a} đóng kết nối trước khi trả lời xong"),
        (Shape(@"invalid HTTP response from (?<a>\S+): (?<b>.*)"), "Trả lời HTTP không hợp lệ từ ${a}: ${b}"),
        (Shape(@"response headers from (?<a>\S+) exceed the limit"), "Phần đầu trả lời của ${a} vượt giới hạn"),
        (Shape(@"request to (?<a>\S+) failed: (?<b>.*)"), "Yêu cầu tới ${a} thất bại: ${b}"),
        (Shape(@"unexpected error: (?<a>\S+)"), "Lỗi bất ngờ: ${a}"),
    ];

    /// <summary>The error in Vietnamese; an error of a shape not known here is kept as it is after "Lỗi:".</summary>
    public static string Vietnamese(string error)
    {
        foreach (var (pattern, vietnamese) in Shapes)
        {
            var match = pattern.Match(error);
            if (match.Success)
            {
                return match.Result(vietnamese);
            }
        }
        return "Lỗi: " + error;
    }

    private static Regex Shape(string pattern) =>
        new("^" + pattern + "$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromMilliseconds(100));
}
