namespace Syndication.Core.Ingestion;

/// <summary>What the parser knows besides the bytes: where they came from, the HTTP charset, and the zone for offset-less dates.</summary>
public sealed record FeedParseContext(Uri? FeedUrl, string? ContentType, TimeZoneInfo DefaultTimeZone);
