namespace Syndication.Core.Ingestion.Rules;

/// <summary>
/// What the rules decided for one entry: whether it is stored, the ids of the rules whose pattern matched it,
/// the labels it gets, and the ids of regex rules that ran out of time on it (counted as no match).
/// </summary>
public sealed record RuleDecision(bool Kept, IReadOnlyList<long> Matched, IReadOnlyList<string> Tags, IReadOnlyList<long> TimedOut)
{
    /// <summary>The decision when there are no rules.</summary>
    public static RuleDecision KeepUntouched { get; } = new(true, [], [], []);
}
