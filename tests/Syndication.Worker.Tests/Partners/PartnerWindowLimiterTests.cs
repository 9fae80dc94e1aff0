using System.Threading.RateLimiting;
using Syndication.Worker.Partners;

namespace Syndication.Worker.Tests.Partners;

public sealed class PartnerWindowLimiterTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_refusal_says_when_the_window_frees_a_request_not_a_whole_window()
    {
        var clock = new MovableClock(Start);
        var limiter = new PartnerWindowLimiter(3, TimeSpan.FromMinutes(1), clock);

        Assert.True(limiter.AttemptAcquire().IsAcquired);
        clock.Now = Start.AddSeconds(20);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        clock.Now = Start.AddSeconds(45.5);
        using var refused = limiter.AttemptAcquire();

        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(14.5), retryAfter);
    }

    [Fact]
    public void The_next_window_starts_with_the_first_request_after_the_last_one_ended()
    {
        var clock = new MovableClock(Start);
        var limiter = new PartnerWindowLimiter(1, TimeSpan.FromMinutes(1), clock);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.Null(limiter.IdleDuration);

        clock.Now = Start.AddMinutes(5);
        Assert.Equal(TimeSpan.FromMinutes(4), limiter.IdleDuration);
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        clock.Now = Start.AddMinutes(5).AddSeconds(1);
        using var refused = limiter.AttemptAcquire();

        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(59), retryAfter);
        Assert.Equal(1, limiter.GetStatistics()!.TotalFailedLeases);
    }

    private sealed class MovableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
