namespace Syndication.Worker.Alerts;

/// <summary>Alert settings (section <c>Syndication:Alerts</c>): how often the alert loop looks, and how deliveries are retried.</summary>
public sealed class AlertOptions
{
    public const string SectionName = "Syndication:Alerts";

    /// <summary>Whether the service runs the alert loop (webhooks can be managed either way).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the loop turns new events into deliveries and sends the due ones.</summary>
    public int CheckSeconds { get; set; } = 5;

    /// <summary>How long one delivery may take, connection included.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>The unit of the retry schedule: retries come 1, 5, 30, 120 and 480 units after each failed attempt.</summary>
    public int RetryBaseSeconds { get; set; } = 60;

    /// <summary>Attempts per delivery, the first included, before it is given up as failed.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>How long finished deliveries (delivered or failed) are kept with their attempts.</summary>
    public int KeepDays { get; set; } = 30;
}
