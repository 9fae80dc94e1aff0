namespace Syndication.Worker.Publishing.WebSub;

/// <summary>When to retry a failed ping: the first delay doubled per consecutive failure, capped, jittered ±20% so retries spread out.</summary>
internal static class PingBackoff
{
    private const double Jitter = 0.2;

    /// <summary>The cap of the doubling (unless the first delay alone is longer): a hub down for a day is still tried hourly.</summary>
    public static readonly TimeSpan Ceiling = TimeSpan.FromHours(1);

    /// <param name="first">The delay after the first failure.</param>
    /// <param name="failures">Consecutive failures, this one included (1 after the first).</param>
    /// <param name="random">A uniform value in [0, 1).</param>
    public static TimeSpan Delay(TimeSpan first, int failures, double random)
    {
        var ceiling = first > Ceiling ? first : Ceiling;
        var doubled = first.TotalSeconds * Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        var capped = Math.Min(doubled, ceiling.TotalSeconds);
        return TimeSpan.FromSeconds(capped * (1 - Jitter + (2 * Jitter * random)));
    }
}
