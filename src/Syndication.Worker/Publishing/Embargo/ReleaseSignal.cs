namespace Syndication.Worker.Publishing.Embargo;

/// <summary>Wakes the embargo release when an article was saved, so a release time sooner than the one it waits
/// for is not missed.</summary>
public sealed class ReleaseSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Wake"/>; take it before looking at the store, so a wake in between counts.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Wake() => Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
