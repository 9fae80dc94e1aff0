using Syndication.Storage.Alerts;

namespace Syndication.Worker.Operations.Admin;

/// <summary>
/// The alerts page: every webhook with its newest delivery, the newest deliveries, the form as given, and the webhook
/// just registered (its secret shown this once).
/// </summary>
public sealed record AlertsModel(
    AdminChrome Chrome,
    IReadOnlyList<Webhook> Webhooks,
    IReadOnlyDictionary<long, DeliveryRecord> LastDeliveries,
    IReadOnlyList<DeliveryRecord> Deliveries,
    AlertForm Form,
    CreatedWebhook? Created = null)
{
    /// <summary>How many of the newest deliveries the page lists.</summary>
    public const int DeliveriesShown = 50;
}
