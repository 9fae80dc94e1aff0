namespace Syndication.Storage.Articles;

/// <summary>Which articles a feed shows: all of them, or those of one section, author or tag (by slug).</summary>
public sealed record ArticleFacet(FacetKind Kind, string? Slug = null)
{
    public static readonly ArticleFacet Site = new(FacetKind.Site);

    /// <summary>Whether articles under embargo (dated ahead) count too: for partners with the embargo scope only.</summary>
    public bool IncludeEmbargoed { get; init; }

    /// <summary>The WHERE condition of the facet: a constant per kind, the slug always a parameter; articles under
    /// embargo are left out unless <see cref="IncludeEmbargoed"/>, so every public reader gets the filter for free.</summary>
    internal string Condition => (IncludeEmbargoed ? KindCondition : KindCondition + " AND " + Public) + SectionCondition;

    /// <summary>Only articles of these sections (a partner's profile); null: every section.</summary>
    public IReadOnlyList<string>? Sections { get; init; }

    /// <summary>The parameter <c>@SectionList</c>: the sections' slugs between spaces, so one portable LIKE finds each
    /// (slugs have no LIKE wildcards: lowercase letters, digits and hyphens); null when every section counts.</summary>
    internal string? SectionList => Sections is null ? null : " " + string.Join(' ', Sections) + " ";

    private string SectionCondition => Sections is null
        ? ""
        : " AND a.section_id IN (SELECT id FROM sections WHERE @SectionList LIKE ('% ' || slug || ' %'))";

    /// <summary>The condition that keeps articles (alias <c>a</c>) under embargo out.</summary>
    internal const string Public = "a.embargoed_until_utc IS NULL";

    /// <summary>The opposite of <see cref="Public"/>, in the form the partial index of embargoed articles answers.</summary>
    internal const string Embargoed = "a.embargoed_until_utc IS NOT NULL";

    private string KindCondition => Kind switch
    {
        FacetKind.Site => "1 = 1",
        FacetKind.Section => "a.section_id = (SELECT id FROM sections WHERE slug = @Slug)",
        FacetKind.Author => "a.id IN (SELECT article_id FROM article_authors WHERE author_id = (SELECT id FROM authors WHERE slug = @Slug))",
        FacetKind.Tag => "a.id IN (SELECT article_id FROM article_tags WHERE tag_id = (SELECT id FROM tags WHERE slug = @Slug))",
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null),
    };

    /// <summary>The WHERE condition on tombstones (alias <c>t</c>) of articles that were in the facet when deleted; an
    /// article deleted while under embargo was never public, so only embargo readers hear of its withdrawal.</summary>
    internal string TombstoneCondition => (IncludeEmbargoed ? TombstoneKindCondition : TombstoneKindCondition + " AND t.embargoed_until_utc IS NULL")
        + (Sections is null ? "" : " AND t.source_key IN (SELECT source_key FROM article_tombstone_facets WHERE kind = 'section' AND @SectionList LIKE ('% ' || slug || ' %'))");

    private string TombstoneKindCondition => Kind switch
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
