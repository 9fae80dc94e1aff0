namespace Syndication.Worker.Ingestion.Polling;

/// <summary>One poll, as `syndication poll` prints it and the log records it.</summary>
public sealed record PollReport(
    long SourceId,
    string Url,
    string Outcome,
    int? HttpStatus,
    int New,
    int Updated,
    TimeSpan Elapsed,
    string? Error,
    DateTimeOffset NextPoll)
{
    public bool Failed => Error is not null;
}
