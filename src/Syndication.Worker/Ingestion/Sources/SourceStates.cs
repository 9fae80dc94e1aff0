using Syndication.Core.Ingestion.Sources;

namespace Syndication.Worker.Ingestion.Sources;

/// <summary>How a source's state is found and written, the same for the CLI, the JSON API and the admin console.</summary>
public static class SourceStates
{
    public static SourceState Of(Source source) =>
        source.Removed is not null ? SourceState.Removed
        : source.DisabledReason is not null ? SourceState.Gone
        : source.ConsecutiveFailures > 0 ? SourceState.Failing
        : SourceState.Ok;

    /// <summary>ok, failing, gone or removed: the words of <c>sources list</c> and <c>/api/sources</c>.</summary>
    public static string Word(this SourceState state) => state switch
    {
        SourceState.Ok => "ok",
        SourceState.Failing => "failing",
        SourceState.Gone => "gone",
        _ => "removed",
    };
}
