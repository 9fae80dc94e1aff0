namespace Syndication.Storage.Publishing;

/// <summary>A published feed's path below the site and the tag (hash) of its current bytes.</summary>
public sealed record FeedTag(string Path, string Tag);
