namespace Syndication.Core.Publishing.Sitemaps;

/// <summary>One address a sitemap lists — an article, or a sitemap in the index — and when it last changed.</summary>
public sealed record SitemapLink(Uri Location, DateTimeOffset? LastModified);
