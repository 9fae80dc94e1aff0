using Syndication.Core.Search;

namespace Syndication.Core.Ingestion.Rules;

/// <summary>One entry's title and text as the rules read them, split into words at most once however many rules look.</summary>
internal sealed class RuleSubject(ParsedEntry entry)
{
    private string? plainText;
    private IReadOnlyList<TextWord>? words;
    private HashSet<string>? folded;
    private HashSet<string>? exact;
    private string[]? sequence;

    public ParsedEntry Entry { get; } = entry;

    /// <summary>Title, summary and content as plain text, one per line.</summary>
    public string PlainText => plainText ??= string.Join('\n',
        Entry.Title ?? "", SearchText.Plain(Entry.Summary), SearchText.Plain(Entry.Content));

    public HashSet<string> FoldedWords => folded ??= Words.Select(word => word.Folded).ToHashSet(StringComparer.Ordinal);

    public HashSet<string> ExactWords => exact ??= Words.Select(word => word.Exact).ToHashSet(StringComparer.Ordinal);

    public string[] FoldedSequence => sequence ??= Words.Select(word => word.Folded).ToArray();

    private IReadOnlyList<TextWord> Words => words ??= TextWords.Of(PlainText);
}
