namespace Syndication.Storage.Alerts;

/// <summary>An entry just related to an archive article.</summary>
public sealed record AlertCoverage(long ArticleId, string ArticleSlug, string ArticleTitle, DateTimeOffset ArticlePublished, double Score, AlertEntry Entry);
