namespace Syndication.Core.Ingestion.Rules;

/// <summary>Reads a rule's action and kind as the CLI and the store write them (drop, keep-only, tag:LABEL; words, …).</summary>
public static class RuleText
{
    public const int MaxLabelLength = 100;

    public static (RuleAction Action, string? Label) ParseAction(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Equals("drop", StringComparison.OrdinalIgnoreCase))
        {
            return (RuleAction.Drop, null);
        }
        if (trimmed.Equals("keep-only", StringComparison.OrdinalIgnoreCase))
        {
            return (RuleAction.KeepOnly, null);
        }
        if (trimmed.StartsWith("tag:", StringComparison.OrdinalIgnoreCase))
        {
            var label = trimmed["tag:".Length..].Trim();
            if (label.Length == 0)
            {
                throw new RuleException("action", "action: tag needs a label after the colon, as in tag:kinh-te");
            }
            if (label.Length > MaxLabelLength)
            {
                throw new RuleException("action", $"action: the tag label is longer than {MaxLabelLength} characters");
            }
            return (RuleAction.Tag, label);
        }
        throw new RuleException("action", $"action: '{text}' is not one of drop, keep-only, tag:LABEL");
    }

    public static RuleMatchKind ParseKind(string text) => text.Trim().ToLowerInvariant() switch
    {
        "words" => RuleMatchKind.Words,
        "exact" => RuleMatchKind.Exact,
        "phrase" => RuleMatchKind.Phrase,
        "regex" => RuleMatchKind.Regex,
        "category" => RuleMatchKind.Category,
        "author" => RuleMatchKind.Author,
        _ => throw new RuleException("kind", $"kind: '{text}' is not one of words, exact, phrase, regex, category, author"),
    };
}
