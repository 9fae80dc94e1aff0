namespace Syndication.Worker.Ingestion.Rules;

/// <summary>What a rule would do to the newest stored entries: how many of how many it would drop (or tag), with a few titles.</summary>
public sealed record RulePreview(int Affected, int Examined, IReadOnlyList<string> Examples);
