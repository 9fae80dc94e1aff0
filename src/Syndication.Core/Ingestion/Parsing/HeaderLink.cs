namespace Syndication.Core.Ingestion.Parsing;

/// <summary>One link of an HTTP <c>Link</c> header: its target as written (perhaps relative) and its relations, lower-cased.</summary>
public sealed record HeaderLink(string Target, IReadOnlyList<string> Relations);
