using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;
using Syndication.Core.Ingestion.Rules;

namespace Syndication.Worker.Operations.Admin;

/// <summary>
/// The rules page's form as posted: what the rule does (drop, keep-only, tag with a label), how it matches, its pattern,
/// which source (empty: every source) and how many of the newest entries a preview tries it on.
/// </summary>
public sealed partial record RuleForm(string Action, string Label, string Kind, string Pattern, string Source, string Last)
{
    public const int MaxPreview = 100_000;

    public static RuleForm Empty { get; } = new("drop", "", "words", "", "", "500");

    public static RuleForm Read(IFormCollection form) =>
        new(Text(form["action"]), Text(form["label"]), Text(form["kind"]), form["pattern"].ToString(), Text(form["source"]), Text(form["last"]));

    /// <summary>The rule the form describes, or a Vietnamese message naming the field that is wrong.</summary>
    public (EditorialRule? Rule, string? Error) ToRule()
    {
        long? source = null;
        if (Source.Length > 0)
        {
            if (!long.TryParse(Source, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                return (null, $"Nguồn: “{Source}” không phải số của một nguồn tin.");
            }
            source = id;
        }
        try
        {
            var (action, label) = RuleText.ParseAction(Action == "tag" ? "tag:" + Label : Action);
            var rule = new EditorialRule(0, source, action, label, RuleText.ParseKind(Kind), Pattern.Trim());
            CompiledRule.From(rule);
            return (rule, null);
        }
        catch (RuleException error)
        {
            return (null, Vietnamese(error));
        }
    }

    /// <summary>How many entries a preview tries the rule on: the form's number, 1 to <see cref="MaxPreview"/>.</summary>
    public (int Count, string? Error) PreviewCount() =>
        int.TryParse(Last, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= MaxPreview
            ? (count, null)
            : (0, $"Số tin để xem trước phải là một số nguyên từ 1 đến {MaxPreview:N0} (đã nhập “{Last}”).".Replace(',', '.'));

    private string Vietnamese(RuleException error) => error.Part switch
    {
        "action" when Action == "tag" => $"Nhãn: cần một nhãn để gắn, tối đa {RuleText.MaxLabelLength} ký tự (ví dụ kinh-te).",
        "action" => $"Việc làm: “{Action}” không phải bỏ, chỉ giữ hay gắn nhãn.",
        "kind" => $"Kiểu so khớp: “{Kind}” không phải một kiểu đã biết.",
        "source" => $"Nguồn: không có nguồn tin số {Source}.",
        "pattern" when string.IsNullOrWhiteSpace(Pattern) => "Mẫu: đang trống; hãy ghi từ, cụm từ hay biểu thức cần tìm.",
        "pattern" when Pattern.Length > CompiledRule.MaxPatternLength => $"Mẫu: dài quá {CompiledRule.MaxPatternLength} ký tự.",
        "pattern" when RegexPosition().Match(error.Message) is { Success: true } at =>
            $"Mẫu: biểu thức chính quy không hợp lệ ở vị trí {at.Groups[1].Value} ({error.Message[(at.Index + at.Length)..].TrimStart(':', ' ')}).",
        "pattern" => $"Mẫu: “{Pattern.Trim()}” không có chữ nào để tìm.",
        _ => "Quy tắc không hợp lệ: " + error.Message,
    };

    private static string Text(StringValues value) => value.ToString().Trim();

    [GeneratedRegex(@"at position (\d+)")]
    private static partial Regex RegexPosition();
}
