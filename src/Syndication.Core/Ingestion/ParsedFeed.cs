namespace Syndication.Core.Ingestion;

/// <summary>
/// A fetched feed after parsing and normalising: what `syndication parse` prints and what a poll stores.
/// Format is one of rss2.0, rss0.91, rss0.92, rss1.0, rss0.90, atom1.0, atom0.3, jsonfeed1.0, jsonfeed1.1;
/// Updated is the feed's own last change in UTC; Ttl is how long the feed asks readers to wait between polls
/// (RSS ttl, sy:updatePeriod/updateFrequency); Hub is the WebSub hub the feed names (rel="hub", JSON Feed hubs) and
/// Self the address it names for itself (rel="self"), both absolute http(s) URLs or null.
/// </summary>
public sealed record ParsedFeed(
    string Format,
    string? Title,
    string? Link,
    string? Description,
    string? Language,
    DateTimeOffset? Updated,
    IReadOnlyList<ParsedEntry> Entries,
    TimeSpan? Ttl = null,
    string? Hub = null,
    string? Self = null);

/// <summary>One normalised entry: plain-text NFC title, absolute URLs, UTC dates, sanitised HTML.</summary>
public sealed record ParsedEntry(
    string? Id,
    string? Link,
    string? Title,
    DateTimeOffset? Published,
    DateTimeOffset? Updated,
    IReadOnlyList<string> Authors,
    string? Summary,
    string? Content,
    IReadOnlyList<string> Categories,
    IReadOnlyList<Enclosure> Enclosures);

/// <summary>A media file attached to an entry.</summary>
public sealed record Enclosure(string Url, string? Type, long? Length);
