namespace Syndication.Core.Ingestion.Normalising;

/// <summary>A matched character reference: its length in the source, its name when named, and its text when known.</summary>
internal readonly record struct CharacterReference(int Length, string? Name, string? Text);
