namespace Syndication.Storage.Alerts;

/// <summary>How one attempt went: the receiver's HTTP status, or why there was none; 2xx is delivered.</summary>
public sealed record DeliveryOutcome(int? HttpStatus, string? Error, TimeSpan Duration)
{
    public bool Delivered => Error is null && HttpStatus is >= 200 and < 300;
}
