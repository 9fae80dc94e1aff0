namespace Syndication.Core.Search;

/// <summary>A word of a text: where it is (UTF-16 offsets into the text), in lower case as written, and folded as the
/// search index folds it (no marks, đ as d).</summary>
public readonly record struct TextWord(int Start, int Length, string Exact, string Folded);
