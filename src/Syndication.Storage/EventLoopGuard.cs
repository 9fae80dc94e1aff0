namespace Syndication.Storage;

/// <summary>
/// Watches for storage work on a socket event-loop thread. The service answers cached feeds on those threads (socket
/// completions inline) and moves every other request and fetch to the thread pool; a store opened on an event loop
/// would stall every connection of that loop until it returns. That is a bug, not a failure: the open goes ahead, and
/// it is counted and announced, so the metric, the log and the tests show it.
/// </summary>
public static class EventLoopGuard
{
    /// <summary>The name .NET gives its socket event-loop threads (<c>SocketAsyncEngine</c>).</summary>
    public const string ThreadName = ".NET Sockets";

    private static long _opens;

    /// <summary>Stores opened on an event-loop thread since the process started.</summary>
    public static long Opens => Interlocked.Read(ref _opens);

    /// <summary>Raised with the store's description on each such open.</summary>
    public static event Action<string>? Opened;

    /// <summary>Whether the calling thread is a socket event loop.</summary>
    public static bool IsEventLoop => !Thread.CurrentThread.IsThreadPoolThread && Thread.CurrentThread.Name == ThreadName;

    internal static void Check(string store)
    {
        if (IsEventLoop)
        {
            Interlocked.Increment(ref _opens);
            Opened?.Invoke(store);
        }
    }
}
