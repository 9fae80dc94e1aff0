namespace Syndication.Worker.Publishing.WebSub;

/// <summary>How one ping went: accepted (a 2xx), or the HTTP status or error that made it fail.</summary>
internal sealed record HubPingResult(bool Accepted, int? Status, string? Error, TimeSpan Elapsed);
