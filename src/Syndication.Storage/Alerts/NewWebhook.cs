namespace Syndication.Storage.Alerts;

/// <summary>A webhook to register (already checked by the caller: an http(s) URL, known events, usable words).</summary>
public sealed record NewWebhook(Uri Url, IReadOnlyList<string> Events, string? Words, int Failures, string Secret);
