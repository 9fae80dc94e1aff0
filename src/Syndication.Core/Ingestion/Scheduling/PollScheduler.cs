namespace Syndication.Core.Ingestion.Scheduling;

/// <summary>
/// Decides when to poll a source next: as often as it really publishes, within bounds, never sooner than the
/// feed or the server asked, and backing off exponentially with jitter while it fails.
/// </summary>
public static class PollScheduler
{
    private const int MaxBackoffDoublings = 10;
    private const double Jitter = 0.1;

    /// <summary>The interval to keep as the source's own (without backoff or jitter), learned from its publishing rhythm.</summary>
    public static TimeSpan LearnedInterval(PollPolicy policy, PollOutcome outcome)
    {
        var interval = outcome.EntryDates.Count >= 2
            ? MedianGap(outcome.EntryDates)
            : outcome.PreviousInterval ?? policy.DefaultInterval;
        return Clamp(interval, policy);
    }

    /// <summary>The delay until the next poll; <paramref name="random"/> in [0, 1) spreads polls so sources do not align.</summary>
    public static TimeSpan NextDelay(PollPolicy policy, PollOutcome outcome, double random)
    {
        var interval = LearnedInterval(policy, outcome);
        if (outcome.Failures > 0)
        {
            var doublings = Math.Min(outcome.Failures - 1, MaxBackoffDoublings);
            var backoff = policy.DefaultInterval * Math.Pow(2, doublings);
            interval = backoff > interval ? backoff : interval;
            interval = interval > policy.MaxInterval ? policy.MaxInterval : interval;
        }
        var jittered = interval * (1 - Jitter + (2 * Jitter * random));
        // Floors that jitter must not undercut: what the feed and the server asked for — up to the longest interval we
        // allow, so a Retry-After dated 2099 (or a ttl of years) cannot park a source until then.
        foreach (var floor in new[] { outcome.FeedTtl, outcome.RetryAfter, policy.MinInterval })
        {
            if (floor is { } value && jittered < value)
            {
                jittered = value > policy.MaxInterval ? policy.MaxInterval : value;
            }
        }
        return jittered;
    }

    private static TimeSpan MedianGap(IReadOnlyList<DateTimeOffset> dates)
    {
        var ordered = dates.OrderByDescending(date => date).Take(20).ToArray();
        var gaps = new TimeSpan[ordered.Length - 1];
        for (var i = 0; i < gaps.Length; i++)
        {
            gaps[i] = ordered[i] - ordered[i + 1];
        }
        Array.Sort(gaps);
        return gaps[gaps.Length / 2];
    }

    private static TimeSpan Clamp(TimeSpan interval, PollPolicy policy) =>
        interval < policy.MinInterval ? policy.MinInterval : interval > policy.MaxInterval ? policy.MaxInterval : interval;
}
