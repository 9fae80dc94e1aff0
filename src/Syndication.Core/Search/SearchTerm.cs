namespace Syndication.Core.Search;

/// <summary>One word a search looks for: as typed (lower case) and folded; a prefix term matches words that begin so.</summary>
public sealed record SearchTerm(string Exact, string Folded, bool Prefix)
{
    /// <summary>Whether the term was typed with marks (or đ), so its spelling can be told from its folded form.</summary>
    public bool HasMarks => !string.Equals(Exact, Folded, StringComparison.Ordinal);

    public bool MatchesFolded(TextWord word) => Prefix ? word.Folded.StartsWith(Folded, StringComparison.Ordinal) : word.Folded == Folded;

    public bool MatchesExactly(TextWord word) => Prefix ? word.Exact.StartsWith(Exact, StringComparison.Ordinal) : word.Exact == Exact;
}
