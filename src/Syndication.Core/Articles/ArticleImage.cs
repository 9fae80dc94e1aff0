namespace Syndication.Core.Articles;

/// <summary>An image of an article: where it lives (if known) and its caption.</summary>
public sealed record ArticleImage(string? Url, string? Caption, string? MediaType = null, long? Length = null);
