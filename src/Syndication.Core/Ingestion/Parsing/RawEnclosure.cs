namespace Syndication.Core.Ingestion.Parsing;

/// <summary>An enclosure as written: URL, type and length unchecked.</summary>
internal sealed record RawEnclosure(string? Url, string? Type, string? Length, Uri? Base);
