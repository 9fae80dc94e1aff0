namespace Syndication.Core.Ingestion.Rules;

/// <summary>How an editorial rule's pattern is compared with an entry.</summary>
public enum RuleMatchKind
{
    /// <summary>Every word of the pattern is a word of the title or text, diacritics and case folded away.</summary>
    Words,

    /// <summary>Every word of the pattern is a word of the title or text as spelled (diacritics count), any case.</summary>
    Exact,

    /// <summary>The pattern's words follow each other in the title or text, diacritics and case folded away.</summary>
    Phrase,

    /// <summary>A .NET regular expression (case-insensitive) found in the title or text, with a time limit.</summary>
    Regex,

    /// <summary>One of the entry's categories is the pattern, diacritics and case folded away.</summary>
    Category,

    /// <summary>One of the entry's authors contains the pattern's words in a row, diacritics and case folded away.</summary>
    Author,
}
