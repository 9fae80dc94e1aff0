using System.Runtime.CompilerServices;
using Syndication.Storage;

namespace Syndication.Worker.Hosting;

/// <summary>
/// Where a request runs. By default .NET hands every socket completion from its event-loop thread to the thread pool:
/// each request crosses threads once before Kestrel parses it, which on two cores cost a cached feed a fifth of its
/// rate against nginx. <c>syndication serve</c> on SQLite therefore has completions run inline, on the event loops
/// (<see cref="PreferInlineCompletions"/>), and keeps them for work that cannot block: a cached feed is answered there
/// (<see cref="Publishing.CachedFeedMiddleware"/>); every other request leaves for the thread pool first
/// (<see cref="LeaveAsync"/>), and so does every outgoing HTTP connection's reading and writing (<see cref="OffLoopStream"/>).
/// <see cref="EventLoopGuard"/> counts any store opened on an event loop all the same.
/// </summary>
internal static class EventLoop
{
    /// <summary>.NET's switch; an operator's own value ("0" to keep the thread pool hop) is left as it is.</summary>
    public const string InlineCompletionsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Turns inline completions on for this process unless the environment already says; true when they are on.
    /// Call before the process makes its first socket: .NET reads the switch once, when its first event loop starts.
    /// Not on PostgreSQL: Npgsql's own reads would resume the store's callers on the event loop, where no stream of
    /// ours stands between them.</summary>
    public static bool PreferInlineCompletions(Database database)
    {
        var set = Environment.GetEnvironmentVariable(InlineCompletionsVariable);
        if (string.IsNullOrEmpty(set) && database.Engine == DatabaseEngine.Sqlite)
        {
            Environment.SetEnvironmentVariable(InlineCompletionsVariable, "1");
            set = "1";
        }
        InlineCompletions = set == "1";
        return InlineCompletions;
    }

    /// <summary>Whether this process has socket completions run on the event loops (<see cref="PreferInlineCompletions"/>).</summary>
    public static bool InlineCompletions { get; private set; }

    private static ILogger? _log;

    /// <summary>Logs that the service serves on the event loops, and, once, any store opened on one (a bug: see
    /// <see cref="EventLoopGuard"/>). For the process that turned completions on.</summary>
    public static void Report(ILogger log)
    {
        if (Interlocked.Exchange(ref _log, log) is null)
        {
            EventLoopGuard.Opened += store =>
            {
                if (Interlocked.Exchange(ref _log, null) is { } once)
                {
                    once.LogWarning("The store {Store} was opened on a socket event loop; the requests of that loop waited for it. Please report "
                        + "this bug with the calls below; {Variable}=0 keeps every request off the event loops meanwhile.\n{Calls}",
                        store, InlineCompletionsVariable, Environment.StackTrace);
                }
            };
        }
        log.LogInformation("Cached feeds are answered on the socket event loops, everything else on the thread pool ({Variable}=0 to hand every request to the thread pool)",
            InlineCompletionsVariable);
    }

    /// <summary>Continues on the thread pool when called on an event loop; completes at once elsewhere. Await it in the
    /// very method that must move: awaited inside another async method, the pool could finish that one before its
    /// caller awaits it, and the caller would go on where it was. With <paramref name="keepOff"/> the rest of the
    /// caller's awaits come back to the pool too (<see cref="OffLoopContext"/>), whatever thread completes them, and
    /// wherever the caller was — for a request, whose body, writes and flushes complete on its connection's event loop
    /// even when Kestrel began it on a pool thread (a connection's first request, its bytes already there).</summary>
    public static LeaveAwaitable LeaveAsync(bool keepOff) => new(keepOff);

    internal readonly struct LeaveAwaitable(bool keepOff) : ICriticalNotifyCompletion
    {
        public LeaveAwaitable GetAwaiter() => this;

        public bool IsCompleted => !EventLoopGuard.IsEventLoop;

        public void GetResult()
        {
            // After a hop the context is set already; on the pool from the start, the caller's next awaits need it too.
            if (keepOff && SynchronizationContext.Current != OffLoopContext.Instance)
            {
                SynchronizationContext.SetSynchronizationContext(OffLoopContext.Instance);
            }
        }

        // await flows the execution context itself (UnsafeOnCompleted); OnCompleted is for callers that do not.
        public void OnCompleted(Action continuation)
        {
            if (ExecutionContext.Capture() is { } flowing)
            {
                UnsafeOnCompleted(() => ExecutionContext.Run(flowing, static state => ((Action)state!)(), continuation));
            }
            else
            {
                UnsafeOnCompleted(continuation);
            }
        }

        public void UnsafeOnCompleted(Action continuation)
        {
            if (keepOff)
            {
                OffLoopContext.Instance.Post(static state => ((Action)state!)(), continuation);
            }
            else
            {
                ThreadPool.UnsafeQueueUserWorkItem(static state => state(), continuation, preferLocal: false);
            }
        }
    }

    /// <summary>Runs what is posted to it on the thread pool, under itself, so the awaits of a request that left an
    /// event loop come back to the pool — not to the event loop whose socket completed them.</summary>
    internal sealed class OffLoopContext : SynchronizationContext
    {
        public static readonly OffLoopContext Instance = new();

        public override void Post(SendOrPostCallback callback, object? state) =>
            ThreadPool.UnsafeQueueUserWorkItem(static work =>
            {
                // Only for this work: the pool thread goes on to other work without it.
                SetSynchronizationContext(Instance);
                try
                {
                    work.Callback(work.State);
                }
                finally
                {
                    SetSynchronizationContext(null);
                }
            }, (Callback: callback, State: state), preferLocal: false);

        public override SynchronizationContext CreateCopy() => this;
    }
}
