using System.Globalization;
using Syndication.Worker.Ingestion.Sources;

namespace Syndication.Worker.Operations.Admin;

/// <summary>The console's words for states: Vietnamese, with the CSS class that colours them.</summary>
internal static class AdminText
{
    public static string Vietnamese(this SourceState state) => state switch
    {
        SourceState.Ok => "hoạt động",
        SourceState.Failing => "đang lỗi",
        SourceState.Gone => "đã ngừng (HTTP 410)",
        _ => "đã gỡ",
    };

    public static string CssClass(this SourceState state) => state.Word();

    /// <summary>A duration as the console shows it: "850 ms", "2,4 giây".</summary>
    public static string Duration(TimeSpan? duration) => duration switch
    {
        null => "–",
        { TotalMilliseconds: < 1000 } value => FormattableString.Invariant($"{value.TotalMilliseconds:0} ms"),
        { } value => Decimal(value.TotalSeconds) + " giây",
    };

    /// <summary>"12.345": Vietnamese groups thousands with a dot, whatever the server's culture.</summary>
    public static string Number(long value) => value.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '.');

    /// <summary>"2,4": one decimal, with the Vietnamese decimal comma.</summary>
    public static string Decimal(double value) => value.ToString("0.0", CultureInfo.InvariantCulture).Replace('.', ',');

    /// <summary>"850 KB", "3,2 MB".</summary>
    public static string Bytes(long value) => value < 1024 * 1024
        ? Number((value + 1023) / 1024) + " KB"
        : Decimal(value / 1024.0 / 1024) + " MB";
}
