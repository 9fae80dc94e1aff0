using Syndication.Core.Ingestion.Scheduling;

namespace Syndication.Core.Tests.Ingestion.Scheduling;

public sealed class PollSchedulerTests
{
    private static readonly PollPolicy Policy = new(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(5), TimeSpan.FromHours(24));
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset[] EveryMinutes(int minutes, int count) =>
        [.. Enumerable.Range(0, count).Select(i => Noon.AddMinutes(-minutes * i))];

    [Fact]
    public void Without_dates_the_default_interval_is_used()
    {
        Assert.Equal(TimeSpan.FromMinutes(30), PollScheduler.NextDelay(Policy, new PollOutcome(0, []), random: 0.5));
    }

    [Fact]
    public void A_source_publishing_hourly_is_polled_hourly()
    {
        Assert.Equal(TimeSpan.FromMinutes(60), PollScheduler.NextDelay(Policy, new PollOutcome(0, EveryMinutes(60, 10)), random: 0.5));
    }

    [Fact]
    public void A_source_publishing_every_minute_is_held_to_the_minimum()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), PollScheduler.NextDelay(Policy, new PollOutcome(0, EveryMinutes(1, 10)), random: 0.5));
    }

    [Fact]
    public void A_source_publishing_monthly_is_held_to_the_maximum()
    {
        Assert.Equal(TimeSpan.FromHours(24), PollScheduler.NextDelay(Policy, new PollOutcome(0, EveryMinutes(60 * 24 * 30, 4)), random: 0.5));
    }

    [Fact]
    public void A_not_modified_poll_keeps_the_interval_learned_before()
    {
        var outcome = new PollOutcome(0, [], PreviousInterval: TimeSpan.FromMinutes(90));

        Assert.Equal(TimeSpan.FromMinutes(90), PollScheduler.NextDelay(Policy, outcome, random: 0.5));
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(6, 960)]
    [InlineData(7, 1440)]
    [InlineData(40, 1440)]
    public void Failures_back_off_exponentially_up_to_the_maximum(int failures, int expectedMinutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), PollScheduler.NextDelay(Policy, new PollOutcome(failures, []), random: 0.5));
    }

    [Theory]
    [InlineData(0.0, 27)]
    [InlineData(0.999999, 33)]
    public void Jitter_spreads_polls_by_ten_percent_either_way(double random, int expectedMinutes)
    {
        var delay = PollScheduler.NextDelay(Policy, new PollOutcome(0, []), random);

        Assert.Equal(expectedMinutes, Math.Round(delay.TotalMinutes));
    }

    [Fact]
    public void Feed_ttl_is_a_floor_even_for_a_busy_source()
    {
        var outcome = new PollOutcome(0, EveryMinutes(10, 10), FeedTtl: TimeSpan.FromHours(2));

        Assert.Equal(TimeSpan.FromHours(2), PollScheduler.NextDelay(Policy, outcome, random: 0.0));
    }

    [Fact]
    public void Retry_after_is_a_floor_within_the_maximum()
    {
        var outcome = new PollOutcome(1, [], RetryAfter: TimeSpan.FromHours(20));

        Assert.Equal(TimeSpan.FromHours(20), PollScheduler.NextDelay(Policy, outcome, random: 0.0));
    }

    [Theory]
    [InlineData(30)]
    // A Retry-After dated 2099, seen in 2026.
    [InlineData(73 * 365 * 24)]
    public void Retry_after_beyond_the_maximum_waits_the_maximum(int hours)
    {
        var outcome = new PollOutcome(1, [], RetryAfter: TimeSpan.FromHours(hours));

        Assert.Equal(Policy.MaxInterval, PollScheduler.NextDelay(Policy, outcome, random: 0.0));
    }

    [Fact]
    public void A_feed_ttl_of_years_waits_the_maximum()
    {
        var outcome = new PollOutcome(0, EveryMinutes(60, 10), FeedTtl: TimeSpan.FromDays(3650));

        Assert.Equal(Policy.MaxInterval, PollScheduler.NextDelay(Policy, outcome, random: 0.5));
    }
}
