namespace Syndication.Worker.Ingestion.Sources;

/// <summary>A source's health in one word: polled fine, failing, gone (HTTP 410) or removed.</summary>
public enum SourceState
{
    Ok,
    Failing,
    Gone,
    Removed,
}
