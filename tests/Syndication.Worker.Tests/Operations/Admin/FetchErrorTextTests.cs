using Syndication.Worker.Operations.Admin;

namespace Syndication.Worker.Tests.Operations.Admin;

public sealed class FetchErrorTextTests
{
    [Theory]
    [InlineData("HTTP 500 Internal Server Error", "Máy chủ trả lời HTTP 500")]
    [InlineData("HTTP 404 Not Found", "Máy chủ trả lời HTTP 404")]
    [InlineData("HTTP 301 Moved Permanently without a usable Location header", "Chuyển hướng (HTTP 301) không có địa chỉ Location dùng được")]
    [InlineData("host tin.example not found", "Không tìm thấy máy chủ tin.example (tên miền không phân giải được)")]
    [InlineData("connection to tin.example:443 refused", "Máy chủ tin.example:443 từ chối kết nối")]
    [InlineData("timed out after 30 s", "Hết thời gian chờ sau 30 giây")]
    [InlineData("connection to tin.example timed out after 10 s", "Kết nối tới tin.example quá hạn sau 10 giây")]
    [InlineData("body exceeds the 10485760-byte limit", "Nội dung vượt giới hạn 10485760 byte")]
    [InlineData("the feed is gone (HTTP 410); polling stopped", "Kênh tin đã bị gỡ hẳn (HTTP 410); ngừng lấy tin")]
    [InlineData("not a readable feed: no <rss>, <feed> or JSON Feed", "Không đọc được kênh tin: no <rss>, <feed> or JSON Feed")]
    [InlineData("connection to 10.0.0.5 refused: a private address (host tin.example); set Syndication:Ingestion:AllowPrivateNetworks to true to allow non-public addresses",
        "Từ chối kết nối tới 10.0.0.5: địa chỉ không công khai (a private address); đặt Syndication:Ingestion:AllowPrivateNetworks = true để cho phép")]
    [InlineData("something new", "Lỗi: something new")]
    public void Fetch_errors_read_in_vietnamese(string english, string vietnamese)
    {
        Assert.Equal(vietnamese, FetchErrorText.Vietnamese(english));
    }
}
