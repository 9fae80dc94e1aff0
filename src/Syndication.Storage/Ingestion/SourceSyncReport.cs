namespace Syndication.Storage.Ingestion;

/// <summary>What syncing the OPML list into the sources table changed.</summary>
public sealed record SourceSyncReport(int Added, int Renamed, int Removed, int Restored)
{
    public override string ToString() => $"{Added} added, {Renamed} renamed, {Removed} removed, {Restored} restored";
}
