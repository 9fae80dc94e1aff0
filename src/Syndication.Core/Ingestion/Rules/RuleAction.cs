namespace Syndication.Core.Ingestion.Rules;

/// <summary>What an editorial rule does to an entry it matches.</summary>
public enum RuleAction
{
    /// <summary>The entry is not stored.</summary>
    Drop,

    /// <summary>Entries of the rule's scope that match no keep-only rule of that scope are not stored.</summary>
    KeepOnly,

    /// <summary>The entry is stored with the rule's label added to its categories.</summary>
    Tag,
}
