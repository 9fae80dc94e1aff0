using Syndication.Core.Ingestion.Stories;

namespace Syndication.Core.Ingestion.Sources;

/// <summary>An entry ingested from a source, as stored and republished in the related-coverage feeds.</summary>
public sealed record IngestedEntry
{
    public required long Id { get; init; }
    /// <summary>Our own id for it, used when the original has no usable id.</summary>
    public required Guid StableId { get; init; }
    public required long SourceId { get; init; }
    public string? SourceTitle { get; init; }
    public required string SourceUrl { get; init; }
    public string? SourceSiteUrl { get; init; }
    public string? OriginalId { get; init; }
    public string? Link { get; init; }
    public string? Title { get; init; }
    public string? SummaryHtml { get; init; }
    public string? ContentHtml { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<Enclosure> Enclosures { get; init; } = [];
    public DateTimeOffset? Published { get; init; }
    public DateTimeOffset? Updated { get; init; }
    /// <summary>Published, else updated, else first seen: the order of the related feeds.</summary>
    public required DateTimeOffset Sort { get; init; }
    public required DateTimeOffset FirstSeen { get; init; }
    public required DateTimeOffset LastSeen { get; init; }
    /// <summary>The story it is in (the id of the story's first entry; its own id when alone).</summary>
    public long StoryId { get; init; }
    /// <summary>Other outlets' copies of its story, when it stands for the story in a feed or list.</summary>
    public IReadOnlyList<StoryCopy> OtherCopies { get; init; } = [];
}
