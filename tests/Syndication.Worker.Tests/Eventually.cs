using System.Diagnostics;

namespace Syndication.Worker.Tests;

/// <summary>
/// Waits for background work (a scheduled job, a poll, a hub ping) by polling the condition that shows it is done,
/// never for a fixed time: the limit is only there to end a test that would wait for ever, and is generous so a
/// machine whose cores are all busy still passes.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails naming <paramref name="what"/> (and what
    /// <paramref name="onTimeout"/> says was last seen) after <paramref name="limit"/>, or <see cref="Limit"/>.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? limit = null, Func<string>? onTimeout = null)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > (limit ?? Limit))
            {
                Assert.Fail($"{what}: not done after {waited.Elapsed.TotalSeconds:0} s{(onTimeout is null ? "" : "; last seen: " + onTimeout())}");
            }
            await Task.Delay(Interval);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? limit = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, limit);

    /// <summary>Polls <paramref name="probe"/> until its value satisfies <paramref name="done"/>, and returns that value.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? limit = null)
    {
        var value = await probe();
        await TrueAsync(async () => done(value = await probe()), what, limit);
        return value;
    }
}
