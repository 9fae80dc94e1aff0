namespace Syndication.Core.Articles;

/// <summary>An image of an article: where it lives (if known), its caption, its size in pixels when known, and who made
/// it (the photographer or agency credited) when known.</summary>
public sealed record ArticleImage(string? Url, string? Caption, string? MediaType = null, long? Length = null, int? Width = null, int? Height = null, string? Credit = null);
