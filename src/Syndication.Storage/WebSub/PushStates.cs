namespace Syndication.Storage.WebSub;

/// <summary>Where a WebSub subscription stands, as stored in websub_subscriptions.state.</summary>
public static class PushStates
{
    /// <summary>The feed named a hub; the subscription is still to be requested.</summary>
    public const string Pending = "pending";

    /// <summary>Asked of the hub; waiting for it to verify our intent on the callback.</summary>
    public const string Requested = "requested";

    /// <summary>Verified: the hub delivers until the lease expires (renewed before that).</summary>
    public const string Active = "active";

    /// <summary>The hub refused the subscription (hub.mode=denied); asked again later.</summary>
    public const string Denied = "denied";

    /// <summary>The subscribe request failed (network, a non-2xx answer, no verification in time); asked again later.</summary>
    public const string Failed = "failed";

    /// <summary>The lease ran out without a renewal: polling is back to its rhythm.</summary>
    public const string Expired = "expired";

    /// <summary>Verified, but nothing was delivered for too long: polling is back to its rhythm and the subscription is asked again.</summary>
    public const string Silent = "silent";

    /// <summary>The source was removed while the hub's lease ran: unsubscribing was asked; the row goes when the hub verifies it (or its time is up).</summary>
    public const string Unsubscribing = "unsubscribing";
}
