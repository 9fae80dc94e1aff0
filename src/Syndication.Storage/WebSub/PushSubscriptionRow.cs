namespace Syndication.Storage.WebSub;

// A websub_subscriptions row as Dapper reads it (times as the store's text).
internal sealed class PushSubscriptionRow
{
    public const string Columns = """
        source_id AS SourceId, hub_url AS HubUrl, topic_url AS TopicUrl, token AS Token, secret AS Secret, state AS State,
        created_utc AS CreatedUtc, requested_utc AS RequestedUtc, verified_utc AS VerifiedUtc, lease_seconds AS LeaseSeconds,
        lease_expires_utc AS LeaseExpiresUtc, next_attempt_utc AS NextAttemptUtc, last_delivery_utc AS LastDeliveryUtc,
        deliveries AS Deliveries, refused AS Refused, last_refused_utc AS LastRefusedUtc, last_error AS LastError
        """;

    public long SourceId { get; set; }
    public string HubUrl { get; set; } = "";
    public string TopicUrl { get; set; } = "";
    public string Token { get; set; } = "";
    public string Secret { get; set; } = "";
    public string State { get; set; } = "";
    public string CreatedUtc { get; set; } = "";
    public string? RequestedUtc { get; set; }
    public string? VerifiedUtc { get; set; }
    public long? LeaseSeconds { get; set; }
    public string? LeaseExpiresUtc { get; set; }
    public string? NextAttemptUtc { get; set; }
    public string? LastDeliveryUtc { get; set; }
    public long Deliveries { get; set; }
    public long Refused { get; set; }
    public string? LastRefusedUtc { get; set; }
    public string? LastError { get; set; }

    public PushSubscription ToSubscription() => new()
    {
        SourceId = SourceId,
        HubUrl = HubUrl,
        TopicUrl = TopicUrl,
        Token = Token,
        Secret = Secret,
        State = State,
        Created = Timestamps.FromText(CreatedUtc),
        Requested = Timestamps.FromNullableText(RequestedUtc),
        Verified = Timestamps.FromNullableText(VerifiedUtc),
        LeaseSeconds = (int?)LeaseSeconds,
        LeaseExpires = Timestamps.FromNullableText(LeaseExpiresUtc),
        NextAttempt = Timestamps.FromNullableText(NextAttemptUtc),
        LastDelivery = Timestamps.FromNullableText(LastDeliveryUtc),
        Deliveries = Deliveries,
        Refused = Refused,
        LastRefused = Timestamps.FromNullableText(LastRefusedUtc),
        LastError = LastError,
    };
}
