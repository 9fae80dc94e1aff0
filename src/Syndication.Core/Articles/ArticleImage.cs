namespace Syndication.Core.Articles;

/// <summary>An image of an article: where it lives (if known), its caption, and its size in pixels when known.</summary>
public sealed record ArticleImage(string? Url, string? Caption, string? MediaType = null, long? Length = null, int? Width = null, int? Height = null);
