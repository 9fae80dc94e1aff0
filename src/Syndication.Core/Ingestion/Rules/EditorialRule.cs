namespace Syndication.Core.Ingestion.Rules;

/// <summary>
/// An editorial rule as the operator wrote it: what it does (with the label of a tag rule), to which source
/// (null: every source), and what it looks for. Id is the stored rule's id, 0 before it is saved.
/// </summary>
public sealed record EditorialRule(long Id, long? SourceId, RuleAction Action, string? Label, RuleMatchKind Kind, string Pattern)
{
    /// <summary>The action as the CLI and the store write it: drop, keep-only or tag:LABEL.</summary>
    public string ActionText => Action switch
    {
        RuleAction.Drop => "drop",
        RuleAction.KeepOnly => "keep-only",
        _ => "tag:" + Label,
    };

    /// <summary>The kind as the CLI and the store write it.</summary>
    public string KindText => Kind.ToString().ToLowerInvariant();
}
