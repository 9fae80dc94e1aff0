namespace Syndication.Core.Ingestion.Normalising;

/// <summary>A run of <see cref="HtmlOutput"/>: input kept as written, or text written to its scratch buffer.</summary>
internal readonly record struct HtmlPiece(int Start, int Length, bool Written);
