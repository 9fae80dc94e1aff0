using System.Globalization;
using Syndication.Core.Alerts;
using Syndication.Core.Ingestion.Rules;
using Syndication.Worker.Alerts;
using Syndication.Worker.Ingestion.Fetching;

namespace Syndication.Worker.Operations.Admin;

/// <summary>
/// The alerts page's form as posted: where deliveries go, the events ticked, the words a new story must contain
/// (story.matched) and after how many failed polls a source counts as failing (source.failing).
/// </summary>
public sealed record AlertForm(string Url, IReadOnlyList<string> Events, string Words, string Failures)
{
    public static AlertForm Empty { get; } = new("", [], "", WebhookRegistry.DefaultFailures.ToString(CultureInfo.InvariantCulture));

    public static AlertForm Read(IFormCollection form) => new(
        form["url"].ToString().Trim(),
        [.. form["event"].Select(name => name?.Trim() ?? "").Where(name => name.Length > 0).Distinct()],
        form["words"].ToString().Trim(),
        form["failures"].ToString().Trim());

    /// <summary>The failure count the form gives, or a Vietnamese message naming the field.</summary>
    public (int Failures, string? Error) FailureCount() =>
        int.TryParse(Failures, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= WebhookRegistry.MinFailures and <= WebhookRegistry.MaxFailures
            ? (count, null)
            : (0, FailuresError);

    /// <summary>Why the registry refused the form, in Vietnamese, naming the field.</summary>
    public string Vietnamese(WebhookRefusal refusal) => refusal.Problem switch
    {
        WebhookProblem.UrlTooLong => $"Địa chỉ nhận: dài quá {WebhookRegistry.MaxUrlLength} ký tự.",
        WebhookProblem.UrlNotHttp => $"Địa chỉ nhận: “{Url}” không phải một địa chỉ http(s) đầy đủ (ví dụ https://toasoan.example/webhook).",
        WebhookProblem.UrlHasUserInfo => $"Địa chỉ nhận: “{Url}” có tên người dùng hay mật khẩu; mỗi lần gửi đã được ký bằng khóa riêng của webhook.",
        WebhookProblem.UrlNotPublic => $"Địa chỉ nhận: {HostOf(Url)} là {AddressName(refusal.Address)}; webhook chỉ gửi tới địa chỉ công khai.",
        WebhookProblem.NoEvent => "Sự kiện: hãy chọn ít nhất một sự kiện.",
        WebhookProblem.UnknownEvent => $"Sự kiện: “{Events.FirstOrDefault(name => !AlertEvents.IsKnown(name))}” không phải một sự kiện đã biết.",
        WebhookProblem.WordsMissing => "Các từ: sự kiện “tin mới khớp các từ” cần các từ mà tin phải có.",
        WebhookProblem.WordsUnusable when Words.Length > CompiledRule.MaxPatternLength => $"Các từ: dài quá {CompiledRule.MaxPatternLength} ký tự.",
        WebhookProblem.WordsUnusable => $"Các từ: “{Words}” không có chữ nào để tìm.",
        WebhookProblem.WordsWithoutStoryEvent => "Các từ: chỉ sự kiện “tin mới khớp các từ” dùng các từ; hãy chọn sự kiện đó hoặc để trống ô này.",
        WebhookProblem.FailuresOutOfRange => FailuresError,
        _ => "Webhook không hợp lệ: " + refusal.Message,
    };

    private string FailuresError =>
        $"Số lần lỗi liên tiếp: phải là một số nguyên từ {WebhookRegistry.MinFailures} đến {WebhookRegistry.MaxFailures} (đã nhập “{Failures}”).";

    private static string HostOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : url;

    private static string AddressName(AddressKind kind) => kind switch
    {
        AddressKind.Loopback => "địa chỉ nội bộ của chính máy này (loopback)",
        AddressKind.Private => "địa chỉ mạng riêng",
        AddressKind.CarrierGradeNat => "địa chỉ mạng riêng của nhà mạng (CGNAT)",
        AddressKind.LinkLocal => "địa chỉ link-local",
        AddressKind.Multicast => "địa chỉ multicast",
        AddressKind.Unspecified => "địa chỉ không xác định",
        AddressKind.Broadcast => "địa chỉ broadcast",
        _ => "địa chỉ dành riêng, không định tuyến trên Internet",
    };
}
