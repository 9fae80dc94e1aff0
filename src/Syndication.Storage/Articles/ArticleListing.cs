namespace Syndication.Storage.Articles;

/// <summary>An article as a list of links needs it (a sitemap): its slug, title and times, nothing heavier.</summary>
public sealed record ArticleListing(string Slug, string Title, DateTimeOffset Published, DateTimeOffset Updated);
