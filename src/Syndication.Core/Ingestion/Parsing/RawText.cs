namespace Syndication.Core.Ingestion.Parsing;

/// <summary>A text field as the document wrote it, with its kind and the xml:base in effect there.</summary>
internal sealed record RawText(string Value, TextKind Kind, Uri? Base);
