namespace Syndication.Storage.Alerts;

/// <summary>An event for one webhook: its key (one delivery per webhook and key, ever) and the JSON body to send.</summary>
public sealed record NewDelivery(long WebhookId, string Event, string EventKey, string Payload);
