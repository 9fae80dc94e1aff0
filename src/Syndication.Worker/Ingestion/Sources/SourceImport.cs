namespace Syndication.Worker.Ingestion.Sources;

/// <summary>How many outlines of an OPML document were added, and which of the service's own feeds were refused.</summary>
public sealed record SourceImport(int Added, IReadOnlyList<string> RefusedOwnFeeds);
