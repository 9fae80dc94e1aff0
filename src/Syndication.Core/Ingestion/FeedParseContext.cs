namespace Syndication.Core.Ingestion;

/// <summary>
/// What the parser knows besides the bytes: where they came from, the HTTP charset, the zone for offset-less dates, and
/// the response's <c>Link</c> header values (WebSub discovery: their rel="hub" and rel="self" win over the feed's own).
/// </summary>
public sealed record FeedParseContext(Uri? FeedUrl, string? ContentType, TimeZoneInfo DefaultTimeZone, IReadOnlyList<string>? LinkHeaders = null);
