namespace Syndication.Storage.Tests;

/// <summary>A store opened on a thread named as .NET names its socket event loops is counted and announced; one
/// opened anywhere else is not.</summary>
public sealed class EventLoopGuardTests : IDisposable
{
    private readonly TemporaryDatabase _temporary = new();

    public void Dispose() => _temporary.Dispose();

    private long OpenOn(string? threadName, List<string> announced)
    {
        void Note(string store)
        {
            lock (announced)
            {
                announced.Add(store);
            }
        }
        EventLoopGuard.Opened += Note;
        try
        {
            var before = EventLoopGuard.Opens;
            var thread = new Thread(() =>
            {
                using var connection = _temporary.Database.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
            }) { Name = threadName };
            thread.Start();
            thread.Join();
            return EventLoopGuard.Opens - before;
        }
        finally
        {
            EventLoopGuard.Opened -= Note;
        }
    }

    [Fact]
    public void A_store_opened_on_an_event_loop_thread_is_counted_and_announced_with_its_description()
    {
        var announced = new List<string>();
        Assert.True(OpenOn(EventLoopGuard.ThreadName, announced) >= 1);
        Assert.Contains(_temporary.Database.Description, announced);
    }

    [Fact]
    public void A_store_opened_on_another_thread_is_not_announced()
    {
        var announced = new List<string>();
        OpenOn("worker", announced);
        Assert.DoesNotContain(_temporary.Database.Description, announced);
    }
}
