namespace Syndication.Worker.Ingestion.WebSub;

/// <summary>
/// The "Syndication:Ingestion:WebSub" section: subscribing to the WebSub hubs that sources' feeds name, so they push
/// new entries instead of waiting for a poll. Off unless enabled: the hub must be able to reach our callback.
/// </summary>
public sealed class PushOptions
{
    public const string SectionName = "Syndication:Ingestion:WebSub";

    /// <summary>Whether to subscribe to the hubs feeds name. Only when the callback below is reachable from the hubs.</summary>
    public bool Enabled { get; set; }

    /// <summary>The base URL hubs call back (CALLBACK-BASE/websub/callback/TOKEN); empty means Syndication:PublicBaseUrl.</summary>
    public string? CallbackBaseUrl { get; set; }

    /// <summary>The lease asked of a hub (it may grant another); ten days by default.</summary>
    public int LeaseSeconds { get; set; } = 10 * 24 * 60 * 60;

    /// <summary>How often subscriptions due for a request, a renewal or a retry are looked for, and lapsed ones ended.</summary>
    public int CheckSeconds { get; set; } = 60;

    /// <summary>After this long without a delivery, a subscription counts as silent: polling takes back its rhythm and the hub is asked again.</summary>
    public int SilenceHours { get; set; } = 24;

    /// <summary>How long to wait before asking again after a failed or unverified request, or a denial.</summary>
    public int RetryMinutes { get; set; } = 60;

    /// <summary>How long a hub has to check our intent (the GET on the callback) after we ask; then we ask again.</summary>
    public int VerifyMinutes { get; set; } = 10;
}
