namespace Syndication.Core.Ingestion.Rules;

/// <summary>An editorial rule that cannot be used; the message names the part that is wrong and why.</summary>
public sealed class RuleException(string part, string message) : Exception(message)
{
    /// <summary>The part of the rule that is wrong: action, kind, pattern or source.</summary>
    public string Part { get; } = part;
}
