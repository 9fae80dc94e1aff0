namespace Syndication.Core.Ingestion.Normalising;

/// <summary>What a piece of a date string is.</summary>
internal enum DateTokenKind
{
    Number,
    Word,
    Symbol,
}
