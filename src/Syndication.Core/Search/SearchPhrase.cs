namespace Syndication.Core.Search;

/// <summary>Folded words that must follow each other; with <see cref="Prefix"/>, the last one need only start so.</summary>
public sealed record SearchPhrase(IReadOnlyList<string> Words, bool Prefix)
{
    /// <summary>The same words in lower case as typed, marks kept (what ranking prefers); the folded words when not given.</summary>
    public IReadOnlyList<string> Exact { get; init; } = Words;
}
