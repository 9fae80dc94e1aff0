namespace Syndication.Core.Publishing;

/// <summary>A link of a feed document beyond self and alternate: paging (first/next/previous/last), archives
/// (prev-archive/next-archive/current) and the WebSub hub. Path is relative to the site unless absolute.</summary>
public sealed record FeedLink(string Relation, string Path, string? MediaType = null);
