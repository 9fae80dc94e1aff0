namespace Syndication.Core.Ingestion.Rules;

/// <summary>
/// One poll's entries after the rules: those to store (tag labels added to their categories), how many were
/// dropped, how many entries each rule matched, and the regex rules that ran out of time (with how often).
/// </summary>
public sealed record RuleFiltering(
    IReadOnlyList<ParsedEntry> Kept, int Dropped, IReadOnlyDictionary<long, int> Matches, IReadOnlyDictionary<long, int> TimedOut);
