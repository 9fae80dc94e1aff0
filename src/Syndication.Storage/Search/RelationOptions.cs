namespace Syndication.Storage.Search;

/// <summary>How entries are related to articles: how many terms to look for, what score is enough, how many to keep, how fast age costs.</summary>
public sealed record RelationOptions
{
    /// <summary>The lowest score (BM25 relevance × recency) an entry needs to be kept as related.</summary>
    public double Threshold { get; init; } = 3.0;
    /// <summary>At most this many related entries per article, best first.</summary>
    public int MaxPerArticle { get; init; } = 10;
    /// <summary>An entry this many days from the article's publication counts half as much; twice as far, a quarter.</summary>
    public double HalfLifeDays { get; init; } = 14;
    /// <summary>Entries further than this from the article's publication are not considered at all.</summary>
    public int WindowDays { get; init; } = 90;
    /// <summary>How many of an article's distinctive terms are looked for.</summary>
    public int MaxTerms { get; init; } = 12;
    /// <summary>How many of those terms an entry must contain (one shared place name is not coverage).</summary>
    public int MinMatchedTerms { get; init; } = 2;
    /// <summary>How many articles a new entry is scored against: the best matches of its own terms.</summary>
    public int CandidateArticles { get; init; } = 10;

    public static readonly RelationOptions Default = new();
}
