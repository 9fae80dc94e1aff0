namespace Syndication.Core.Search;

/// <summary>A search the service cannot run; the message is plain enough to show to whoever typed it, and
/// <see cref="Problem"/> says which rule it broke, for pages that explain it in their own language.</summary>
public sealed class SearchQueryException(string message, SearchQueryProblem problem) : Exception(message)
{
    public SearchQueryProblem Problem { get; } = problem;
}
