namespace Syndication.Storage.Alerts;

/// <summary>A stored entry as an alert names it: its text (for matching words), where it came from and when it was first seen.</summary>
public sealed record AlertEntry(
    long Id, long SourceId, string? SourceTitle, string SourceUrl, string? Title, string? Link, string? SummaryHtml, string? ContentHtml,
    DateTimeOffset? Published, DateTimeOffset FirstSeen, long StoryId);
