namespace Syndication.Core.Search;

/// <summary>A run of a snippet's text; <paramref name="Matched"/> when it is a word the search matched.</summary>
public sealed record SnippetPart(string Text, bool Matched);
