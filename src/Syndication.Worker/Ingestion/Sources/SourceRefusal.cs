namespace Syndication.Worker.Ingestion.Sources;

/// <summary>Why a source was not added.</summary>
public enum SourceRefusal
{
    NotHttpUrl,
    OwnFeed,
}
