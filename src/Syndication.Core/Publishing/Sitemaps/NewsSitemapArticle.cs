namespace Syndication.Core.Publishing.Sitemaps;

/// <summary>An article as a Google News sitemap lists it: its address, last change, publication time and title.</summary>
public sealed record NewsSitemapArticle(Uri Location, DateTimeOffset LastModified, DateTimeOffset Published, string Title);
