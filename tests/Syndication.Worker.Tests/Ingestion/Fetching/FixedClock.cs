namespace Syndication.Worker.Tests.Ingestion.Fetching;

/// <summary>A clock stopped at one instant; timers and timestamps stay real, so timeouts still fire.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
