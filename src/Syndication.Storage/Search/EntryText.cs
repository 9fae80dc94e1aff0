namespace Syndication.Storage.Search;

/// <summary>The text of a stored entry that its search index row is made of.</summary>
internal sealed record EntryText(long Id, string? Title, string? Summary, string? Content);
