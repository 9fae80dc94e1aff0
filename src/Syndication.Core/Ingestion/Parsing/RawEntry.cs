namespace Syndication.Core.Ingestion.Parsing;

/// <summary>One entry as read from the document, before normalising: strings as written, candidates in priority order.</summary>
internal sealed class RawEntry
{
    public string? Id { get; set; }

    public string? Link { get; set; }

    /// <summary>The xml:base in effect on the entry (null when the document declares none).</summary>
    public Uri? Base { get; set; }

    /// <summary>The xml:base in effect on the link element itself, which may differ from the entry's.</summary>
    public Uri? LinkBase { get; set; }

    public RawText? Title { get; set; }

    public string? Published { get; set; }

    public string? PublishedFallback { get; set; }

    public string? Updated { get; set; }

    public string? UpdatedFallback { get; set; }

    // The lists are made on first use: most entries have no author, source or enclosure, and a large feed's raw
    // entries live until its end.
    private List<string>? _authors;
    private List<string>? _sourceAuthors;
    private List<string>? _categories;
    private List<RawEnclosure>? _enclosures;

    /// <summary>Authors as written, to add to (made on first use).</summary>
    public List<string> Authors => _authors ??= [];

    /// <summary>Authors of an Atom entry's source element, used when the entry names none (made on first use).</summary>
    public List<string> SourceAuthors => _sourceAuthors ??= [];

    public RawText? Summary { get; set; }

    public RawText? Content { get; set; }

    public List<string> Categories => _categories ??= [];

    public List<RawEnclosure> Enclosures => _enclosures ??= [];

    /// <summary>The authors read, without making a list when there are none.</summary>
    public IReadOnlyList<string> AuthorsRead => _authors ?? [];

    public IReadOnlyList<string> SourceAuthorsRead => _sourceAuthors ?? [];

    public IReadOnlyList<string> CategoriesRead => _categories ?? [];

    public IReadOnlyList<RawEnclosure> EnclosuresRead => _enclosures ?? [];
}
