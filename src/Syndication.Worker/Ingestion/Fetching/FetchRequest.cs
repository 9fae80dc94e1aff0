namespace Syndication.Worker.Ingestion.Fetching;

/// <summary>One feed to fetch, with the validators stored from its last fetch (sent back verbatim for a conditional GET).</summary>
public sealed record FetchRequest(Uri Url, string? ETag, string? LastModified);
