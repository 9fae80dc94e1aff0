namespace Syndication.Core.Ingestion.Sources;

/// <summary>Where a source came from; the OPML sync only adds and removes its own.</summary>
public static class SourceOrigins
{
    public const string Opml = "opml";
    public const string Cli = "cli";
}
