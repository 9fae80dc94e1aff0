using Syndication.Core.Ingestion.Sources;
using Syndication.Worker.Ingestion.Sources;

namespace Syndication.Worker.Operations.Admin;

/// <summary>A source's health as /api/sources reports it.</summary>
public sealed record SourceHealth(
    long Id, string Url, string? Title, string State, DateTimeOffset? LastPoll, DateTimeOffset? LastSuccess, int? LastStatus,
    int EntryCount, int ConsecutiveFailures, DateTimeOffset? NextPoll, string? LastError)
{
    public static SourceHealth Of(Source source) => new(
        source.Id, source.Url, source.Title, SourceStates.Of(source).Word(), source.LastPoll, source.LastSuccess, source.LastStatus,
        source.EntryCount, source.ConsecutiveFailures, source.IsActive ? source.NextPoll : null, source.LastError);
}
