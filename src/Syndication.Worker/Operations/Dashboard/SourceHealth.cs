using Syndication.Core.Ingestion.Sources;

namespace Syndication.Worker.Operations.Dashboard;

/// <summary>A source's health as /api/sources reports it.</summary>
public sealed record SourceHealth(
    long Id, string Url, string? Title, string State, DateTimeOffset? LastPoll, DateTimeOffset? LastSuccess, int? LastStatus,
    int EntryCount, int ConsecutiveFailures, DateTimeOffset? NextPoll, string? LastError)
{
    public static SourceHealth Of(Source source) => new(
        source.Id, source.Url, source.Title, StateOf(source), source.LastPoll, source.LastSuccess, source.LastStatus,
        source.EntryCount, source.ConsecutiveFailures, source.IsActive ? source.NextPoll : null, source.LastError);

    /// <summary>ok, failing, gone (HTTP 410) or removed; the same words as `syndication sources list`.</summary>
    public static string StateOf(Source source) =>
        source.Removed is not null ? "removed" : source.DisabledReason is not null ? "gone" : source.ConsecutiveFailures > 0 ? "failing" : "ok";
}
