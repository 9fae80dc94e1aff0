using Syndication.Storage.Alerts;

namespace Syndication.Worker.Operations.Admin;

/// <summary>A webhook just registered, whose secret is shown this once.</summary>
public sealed record CreatedWebhook(Webhook Webhook);
