using Syndication.Storage.Search;

namespace Syndication.Worker.Search;

/// <summary>Settings of section <c>Syndication:Search</c>: search feeds, and how ingested entries are related to articles.</summary>
public sealed class SearchOptions
{
    public const string SectionName = "Syndication:Search";

    /// <summary>Results in a search feed or page.</summary>
    public int ResultSize { get; set; } = 50;

    /// <summary>The lowest score (BM25 relevance × recency) an entry needs to count as an article's related coverage.</summary>
    public double RelatedThreshold { get; set; } = RelationOptions.Default.Threshold;

    /// <summary>At most this many related entries are kept per article.</summary>
    public int RelatedPerArticle { get; set; } = RelationOptions.Default.MaxPerArticle;

    /// <summary>An entry this many days from the article's publication counts half as much.</summary>
    public double RelatedHalfLifeDays { get; set; } = RelationOptions.Default.HalfLifeDays;

    /// <summary>Entries further than this many days from the article's publication are not considered.</summary>
    public int RelatedWindowDays { get; set; } = RelationOptions.Default.WindowDays;

    /// <summary>How many of an article's terms an entry must share.</summary>
    public int RelatedMinMatchedTerms { get; set; } = RelationOptions.Default.MinMatchedTerms;

    /// <summary>How often the service relates what changed since the last round (it also does so right after an API write).</summary>
    public int RelateIntervalSeconds { get; set; } = 30;

    public RelationOptions Relation => RelationOptions.Default with
    {
        Threshold = RelatedThreshold,
        MaxPerArticle = RelatedPerArticle,
        HalfLifeDays = RelatedHalfLifeDays,
        WindowDays = RelatedWindowDays,
        MinMatchedTerms = RelatedMinMatchedTerms,
    };
}
