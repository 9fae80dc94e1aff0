using Syndication.Worker.Publishing.WebSub;

namespace Syndication.Worker.Tests.Publishing;

public sealed class PingBackoffTests
{
    [Theory]
    [InlineData(60, 1, 0.5, 60)]
    [InlineData(60, 2, 0.5, 120)]
    [InlineData(60, 3, 0.5, 240)]
    [InlineData(60, 7, 0.5, 3600)]
    [InlineData(60, 1000, 0.5, 3600)]
    [InlineData(60, 1, 0.0, 48)]
    [InlineData(60, 1, 1.0, 72)]
    [InlineData(7200, 3, 0.5, 7200)]
    public void Delay_doubles_per_failure_up_to_the_ceiling_jittered_by_a_fifth(int firstSeconds, int failures, double random, double expectedSeconds)
    {
        var delay = PingBackoff.Delay(TimeSpan.FromSeconds(firstSeconds), failures, random);

        Assert.Equal(expectedSeconds, delay.TotalSeconds, precision: 6);
    }
}
