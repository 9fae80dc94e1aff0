using System.Text.Json;
using Syndication.Core.Ingestion;
using Syndication.Core.Ingestion.Sources;

namespace Syndication.Storage.Ingestion;

// An entries row joined with its source, as Dapper reads it. Every column is a plain column: SQLite reports an
// expression's type only from a row, so an empty result would type one as a blob and Dapper's constructor match fails.
internal sealed record EntryRow(
    long Id, string StableId, long SourceId, string? SourceTitle, string SourceUrl, string? SourceSiteUrl, string? OriginalId,
    string? Link, string? Title, string? SummaryHtml, string? ContentHtml, string AuthorsJson, string CategoriesJson,
    string EnclosuresJson, string? PublishedUtc, string? UpdatedUtc, string SortUtc, string FirstSeenUtc, string LastSeenUtc, long? StoryId)
{
    public const string Select = """
        SELECT e.id AS Id, e.stable_id AS StableId, e.source_id AS SourceId, s.title AS SourceTitle, s.url AS SourceUrl,
               s.site_url AS SourceSiteUrl, e.original_id AS OriginalId, e.link AS Link, e.title AS Title,
               e.summary_html AS SummaryHtml, e.content_html AS ContentHtml, e.authors_json AS AuthorsJson,
               e.categories_json AS CategoriesJson, e.enclosures_json AS EnclosuresJson, e.published_utc AS PublishedUtc,
               e.updated_utc AS UpdatedUtc, e.sort_utc AS SortUtc, e.first_seen_utc AS FirstSeenUtc, e.last_seen_utc AS LastSeenUtc,
               e.story_id AS StoryId
        FROM entries e JOIN sources s ON s.id = e.source_id
        """;

    public IngestedEntry ToEntry() => new()
    {
        Id = Id,
        StableId = Guid.Parse(StableId),
        SourceId = SourceId,
        SourceTitle = SourceTitle,
        SourceUrl = SourceUrl,
        SourceSiteUrl = SourceSiteUrl,
        OriginalId = OriginalId,
        Link = Link,
        Title = Title,
        SummaryHtml = SummaryHtml,
        ContentHtml = ContentHtml,
        Authors = JsonSerializer.Deserialize<string[]>(AuthorsJson) ?? [],
        Categories = JsonSerializer.Deserialize<string[]>(CategoriesJson) ?? [],
        Enclosures = JsonSerializer.Deserialize<Enclosure[]>(EnclosuresJson) ?? [],
        Published = Timestamps.FromNullableText(PublishedUtc),
        Updated = Timestamps.FromNullableText(UpdatedUtc),
        Sort = Timestamps.FromText(SortUtc),
        FirstSeen = Timestamps.FromText(FirstSeenUtc),
        LastSeen = Timestamps.FromText(LastSeenUtc),
        // An entry not yet signed (stored before clustering, or copied in) is a story of its own.
        StoryId = StoryId ?? Id,
    };
}
