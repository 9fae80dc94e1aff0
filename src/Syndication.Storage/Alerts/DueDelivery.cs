namespace Syndication.Storage.Alerts;

/// <summary>A delivery this process has claimed to send now: where, signed with what, and how many attempts came before.</summary>
public sealed record DueDelivery(long Id, long WebhookId, Uri Url, string Secret, string Event, string Payload, int Attempts);
