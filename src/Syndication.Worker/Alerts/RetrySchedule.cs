namespace Syndication.Worker.Alerts;

/// <summary>When a failed delivery is tried again: 1, 5, 30, 120, then 480 units (RetryBaseSeconds) after each failure, until the attempts run out.</summary>
internal static class RetrySchedule
{
    private static readonly int[] Units = [1, 5, 30, 120, 480];

    /// <summary>The time of the next attempt after <paramref name="attemptsMade"/> failed ones; null when none is left.</summary>
    public static DateTimeOffset? Next(int attemptsMade, DateTimeOffset now, AlertOptions options) =>
        attemptsMade >= options.MaxAttempts
            ? null
            : now + TimeSpan.FromSeconds((double)options.RetryBaseSeconds * Units[Math.Min(attemptsMade, Units.Length) - 1]);
}
