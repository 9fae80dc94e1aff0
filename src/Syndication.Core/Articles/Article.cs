namespace Syndication.Core.Articles;

/// <summary>An article as the archive holds it: its content plus the identity and times the store keeps.</summary>
public sealed record Article
{
    public required long Id { get; init; }
    /// <summary>Stable across edits and renames; the feeds' guid / atom:id.</summary>
    public required Guid StableId { get; init; }
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public string? Lead { get; init; }
    public required string BodyHtml { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    /// <summary>The slugs of <see cref="Authors"/>, in the same order: the addresses of their pages and feeds.</summary>
    public IReadOnlyList<string> AuthorSlugs { get; init; } = [];
    public required Section Section { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>The slugs of <see cref="Tags"/>, in the same order.</summary>
    public IReadOnlyList<string> TagSlugs { get; init; } = [];
    public IReadOnlyList<ArticleImage> Images { get; init; } = [];
    public IReadOnlyList<RelatedLink> Related { get; init; } = [];
    public required DateTimeOffset Published { get; init; }
    public required DateTimeOffset Updated { get; init; }
    public required string ContentHash { get; init; }
    /// <summary>Set while the article is under embargo: its publication time, before which only embargo partners see it.</summary>
    public DateTimeOffset? EmbargoedUntil { get; init; }
    /// <summary>The newsroom's correction note, shown above the article in feeds and on its page; its time is always set.</summary>
    public ArticleCorrection? Correction { get; init; }
}
