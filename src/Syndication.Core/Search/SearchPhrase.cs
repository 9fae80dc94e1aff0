namespace Syndication.Core.Search;

/// <summary>Folded words that must follow each other; with <see cref="Prefix"/>, the last one need only start so.</summary>
public sealed record SearchPhrase(IReadOnlyList<string> Words, bool Prefix);
