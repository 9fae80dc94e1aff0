namespace Syndication.Core.Search;

/// <summary>Why a search cannot be run.</summary>
public enum SearchQueryProblem
{
    /// <summary>No word to look for.</summary>
    Empty,
    /// <summary>Only words to leave out.</summary>
    OnlyExcluded,
    /// <summary>More than <see cref="SearchQuery.MaxLength"/> characters.</summary>
    TooLong,
    /// <summary>More than <see cref="SearchQuery.MaxWords"/> words.</summary>
    TooManyWords,
}
