namespace Syndication.Storage.Alerts;

/// <summary>A source just polled: its failures in a row, since when, and the latest times its polls brought new entries (newest first).</summary>
public sealed record AlertSource(
    long Id, string Url, string? Title, int ConsecutiveFailures, int? LastStatus, string? LastError,
    DateTimeOffset? LastSuccess, DateTimeOffset Created, IReadOnlyList<DateTimeOffset> Arrivals);
