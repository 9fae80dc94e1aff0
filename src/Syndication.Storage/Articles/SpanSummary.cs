namespace Syndication.Storage.Articles;

/// <summary>The public articles published in a span of time: how many, and the latest change among them.</summary>
public sealed record SpanSummary(int Count, DateTimeOffset? LastUpdated);
