namespace Syndication.Storage.Alerts;

/// <summary>A delivery as operators see it: which webhook and event, its state, attempts and last outcome.</summary>
public sealed record DeliveryRecord(
    long Id, long WebhookId, string Url, string Event, string EventKey, DateTimeOffset Created, string State, int Attempts,
    DateTimeOffset? NextAttempt, int? LastStatus, string? LastError, DateTimeOffset? Finished);
