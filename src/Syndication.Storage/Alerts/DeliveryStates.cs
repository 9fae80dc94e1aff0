namespace Syndication.Storage.Alerts;

/// <summary>The states a delivery is in, as stored.</summary>
public static class DeliveryStates
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}
