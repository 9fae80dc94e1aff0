using System.Globalization;

namespace Syndication.Storage;

/// <summary>Times as the store writes them: UTC, fixed width, so text order is time order.</summary>
internal static class Timestamps
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToText(DateTimeOffset time) => time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static string? ToNullableText(DateTimeOffset? time) => time is { } value ? ToText(value) : null;

    public static DateTimeOffset? FromNullableText(string? text) => text is null ? null : FromText(text);

    public static DateTimeOffset FromText(string text) =>
        new(DateTime.SpecifyKind(DateTime.ParseExact(text, Format, CultureInfo.InvariantCulture), DateTimeKind.Utc));

    /// <summary>A stored time read back, or null when the text is not one (a damaged row).</summary>
    public static DateTimeOffset? TryFromText(string? text) =>
        DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc))
            : null;
}
