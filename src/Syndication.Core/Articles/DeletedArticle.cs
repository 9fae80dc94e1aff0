namespace Syndication.Core.Articles;

/// <summary>What a withdrawn article leaves for the feeds that carried it (RFC 6721): its id, its date, when it went and why.</summary>
public sealed record DeletedArticle(Guid StableId, string Slug, DateTimeOffset Published, DateTimeOffset Deleted, string? Comment);
