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

    public List<string> Authors { get; } = [];

    /// <summary>Authors of an Atom entry's source element, used when the entry names none.</summary>
    public List<string> SourceAuthors { get; } = [];

    public RawText? Summary { get; set; }

    public RawText? Content { get; set; }

    public List<string> Categories { get; } = [];

    public List<RawEnclosure> Enclosures { get; } = [];
}
