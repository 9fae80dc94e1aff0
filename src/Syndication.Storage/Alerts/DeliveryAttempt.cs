namespace Syndication.Storage.Alerts;

/// <summary>One attempt at a delivery, as stored.</summary>
public sealed record DeliveryAttempt(int Attempt, DateTimeOffset Attempted, int? HttpStatus, string? Error, long DurationMs);
