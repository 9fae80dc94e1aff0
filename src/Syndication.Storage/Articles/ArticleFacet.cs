namespace Syndication.Storage.Articles;

/// <summary>Which articles a feed shows: all of them, or those of one section, author or tag (by slug).</summary>
public sealed record ArticleFacet(FacetKind Kind, string? Slug = null)
{
    public static readonly ArticleFacet Site = new(FacetKind.Site);

    /// <summary>The WHERE condition of the facet: a constant per kind, the slug always a parameter.</summary>
    internal string Condition => Kind switch
    {
        FacetKind.Site => "1 = 1",
        FacetKind.Section => "a.section_id = (SELECT id FROM sections WHERE slug = @Slug)",
        FacetKind.Author => "a.id IN (SELECT article_id FROM article_authors WHERE author_id = (SELECT id FROM authors WHERE slug = @Slug))",
        FacetKind.Tag => "a.id IN (SELECT article_id FROM article_tags WHERE tag_id = (SELECT id FROM tags WHERE slug = @Slug))",
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null),
    };

    /// <summary>The WHERE condition on tombstones (alias <c>t</c>) of articles that were in the facet when deleted.</summary>
    internal string TombstoneCondition => Kind switch
    {
        FacetKind.Site => "1 = 1",
        FacetKind.Section => "t.source_key IN (SELECT source_key FROM article_tombstone_facets WHERE kind = 'section' AND slug = @Slug)",
        FacetKind.Author => "t.source_key IN (SELECT source_key FROM article_tombstone_facets WHERE kind = 'author' AND slug = @Slug)",
        FacetKind.Tag => "t.source_key IN (SELECT source_key FROM article_tombstone_facets WHERE kind = 'tag' AND slug = @Slug)",
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null),
    };
}

/// <summary>The facets the archive is published by.</summary>
public enum FacetKind
{
    Site,
    Section,
    Author,
    Tag,
}
