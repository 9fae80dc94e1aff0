using Syndication.Core.Ingestion.Sources;

namespace Syndication.Worker.Ingestion.Sources;

/// <summary>The source added, or why not.</summary>
public sealed record SourceAddition(Source? Source, SourceRefusal? Refusal);
