namespace Syndication.Worker.Tests.Publishing;

/// <summary>One publish ping as the hub stand-in received it, and the status it answered with.</summary>
public sealed record HubPing(string? Mode, IReadOnlyList<string> FeedUrls, string? ContentType, int Status);
