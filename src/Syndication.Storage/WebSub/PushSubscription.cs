namespace Syndication.Storage.WebSub;

/// <summary>
/// A source's WebSub subscription: the hub and topic its feed named, the callback token and secret, where it stands
/// (<see cref="PushStates"/>), its lease, and what the hub has delivered and what was refused.
/// </summary>
public sealed record PushSubscription
{
    public required long SourceId { get; init; }
    public required string HubUrl { get; init; }
    public required string TopicUrl { get; init; }
    public required string Token { get; init; }
    public required string Secret { get; init; }
    public required string State { get; init; }
    public required DateTimeOffset Created { get; init; }
    public DateTimeOffset? Requested { get; init; }
    public DateTimeOffset? Verified { get; init; }
    public int? LeaseSeconds { get; init; }
    public DateTimeOffset? LeaseExpires { get; init; }
    public DateTimeOffset? NextAttempt { get; init; }
    public DateTimeOffset? LastDelivery { get; init; }
    public long Deliveries { get; init; }
    public long Refused { get; init; }
    public DateTimeOffset? LastRefused { get; init; }
    public string? LastError { get; init; }

    /// <summary>
    /// Whether the hub is delivering for this source at <paramref name="now"/>: verified, its lease running, and a
    /// delivery (or the verification) within <paramref name="silence"/>. While it is, polling is stretched.
    /// </summary>
    public bool IsPushing(DateTimeOffset now, TimeSpan silence) =>
        State == PushStates.Active && LeaseExpires > now && (LastDelivery ?? Verified) is { } heard && now - heard < silence;
}
