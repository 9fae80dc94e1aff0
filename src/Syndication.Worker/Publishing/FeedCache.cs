using System.Collections.Concurrent;
using Syndication.Storage;

namespace Syndication.Worker.Publishing;

/// <summary>Keeps each rendered document until the part of the store it shows changes, so a feed is rendered once per change.</summary>
/// <remarks>Requests that miss together share one render: when a popular feed changes (or the service has just started)
/// under load, the readers waiting for it cost one build, not one each — a build of a large archive month allocates
/// tens of megabytes, and dozens of them at once would hold the memory and the cores of a small server.</remarks>
/// <param name="revision">Where the store's change counters are read.</param>
/// <param name="capacity">For keys that come from requests (search queries): above this many documents the cache starts
/// over, so no stream of distinct requests can grow it without bound. Null for the catalog's feeds, a known set.</param>
/// <param name="maxBytes">The most the kept documents may hold (bodies and their compressed forms); past it, the least
/// recently served are dropped and rendered again when asked for. A partner walking every archive month and page of a
/// 100,000-article archive would otherwise keep hundreds of megabytes of documents few others read. Null: no bound.</param>
public sealed class FeedCache(ArchiveRevision revision, int? capacity = null, long? maxBytes = null)
{
    private readonly ConcurrentDictionary<string, Slot> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _bytes;

    /// <summary>What the kept documents hold now, by <see cref="SizeOf"/>.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>The cached document for a key, rendered again when its part of the store changed; null when render finds nothing.</summary>
    /// <remarks>The render runs to the end even when the request that started it goes away, since others may be waiting
    /// for it and the next request will want it; <paramref name="cancellationToken"/> only stops this caller's wait.</remarks>
    public Task<RenderedFeed?> GetAsync(
        string key, Func<StoreRevisions, long> dependsOn, Func<CancellationToken, Task<RenderedFeed?>> render, CancellationToken cancellationToken)
    {
        var current = revision.CurrentAsync(cancellationToken);
        return current.IsCompletedSuccessfully
            ? GetAsync(key, Version.Of(current.Result, dependsOn), render, cancellationToken)
            : GetAfterRevisionAsync(key, dependsOn, current, render, cancellationToken);
    }

    private async Task<RenderedFeed?> GetAfterRevisionAsync(
        string key, Func<StoreRevisions, long> dependsOn, ValueTask<StoreRevisions> current,
        Func<CancellationToken, Task<RenderedFeed?>> render, CancellationToken cancellationToken) =>
        await GetAsync(key, Version.Of(await current, dependsOn), render, cancellationToken);

    /// <summary>The kept document for a key when it is rendered and current by the last revision check, without waiting or
    /// asking the database; false sends the caller the long way (<see cref="GetAsync(string, Func{StoreRevisions, long}, Func{CancellationToken, Task{RenderedFeed}}, CancellationToken)"/>).</summary>
    public bool TryGetCurrent(string key, Func<StoreRevisions, long> dependsOn, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RenderedFeed? feed)
    {
        if (revision.TryCurrent(out var revisions) && _entries.TryGetValue(key, out var known) && known.Version == Version.Of(revisions, dependsOn)
            && known.Feed.IsCompletedSuccessfully && known.Feed.Result is { } kept)
        {
            known.LastServed = Environment.TickCount64;
            feed = kept;
            return true;
        }
        feed = null;
        return false;
    }

    private Task<RenderedFeed?> GetAsync(string key, Version current, Func<CancellationToken, Task<RenderedFeed?>> render, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(key, out var known) && known.Version == current)
        {
            known.LastServed = Environment.TickCount64;
            return Wait(known.Feed, cancellationToken);
        }
        Slot slot;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out known) && known.Version == current)
            {
                return Wait(known.Feed, cancellationToken);
            }
            if (capacity is { } limit && _entries.Count >= limit)
            {
                _entries.Clear();
                _bytes = 0;
            }
            slot = new Slot(current, new TaskCompletionSource<RenderedFeed?>(TaskCreationOptions.RunContinuationsAsynchronously));
            if (known is not null)
            {
                _bytes -= known.Bytes; // the stale document goes now, not when the new one is ready
            }
            _entries[key] = slot;
        }
        // Outside the lock: renders of different keys run side by side.
        _ = RenderAsync(key, slot, render);
        return Wait(slot.Feed, cancellationToken);
    }

    private async Task RenderAsync(string key, Slot slot, Func<CancellationToken, Task<RenderedFeed?>> render)
    {
        try
        {
            var feed = await render(CancellationToken.None);
            if (feed is null)
            {
                // Nothing there: not kept, so the key does not hold a slot for every address someone tries.
                _entries.TryRemove(KeyValuePair.Create(key, slot));
            }
            else
            {
                Keep(key, slot, feed);
            }
            slot.Completion.SetResult(feed);
        }
        catch (Exception exception)
        {
            // A failed build is not kept: the next request tries again.
            _entries.TryRemove(KeyValuePair.Create(key, slot));
            slot.Completion.SetException(exception);
        }
    }

    private void Keep(string key, Slot slot, RenderedFeed feed)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out var present) || !ReferenceEquals(present, slot))
            {
                return; // replaced or cleared while it rendered
            }
            slot.Bytes = SizeOf(feed);
            slot.LastServed = Environment.TickCount64;
            _bytes += slot.Bytes;
            if (maxBytes is { } budget && _bytes > budget)
            {
                Evict(budget, slot);
            }
        }
    }

    /// <summary>Drops the least recently served documents until the rest fit; never the one just rendered, nor one still
    /// rendering. Runs under the lock, only when a render overflows the budget.</summary>
    private void Evict(long budget, Slot keep)
    {
        foreach (var (key, slot) in _entries.Where(pair => pair.Value.Bytes > 0 && !ReferenceEquals(pair.Value, keep))
                     .OrderBy(pair => pair.Value.LastServed).ToList())
        {
            if (_bytes <= budget)
            {
                return;
            }
            if (_entries.TryRemove(KeyValuePair.Create(key, slot)))
            {
                _bytes -= slot.Bytes;
            }
        }
    }

    /// <summary>A document's bytes and a reserve for its compressed forms (made on first demand, about a fifth of the
    /// body for feed XML and JSON), so a document costs the same whether or not it has been asked for compressed yet.</summary>
    public static long SizeOf(RenderedFeed feed) => feed.Body.Length + (feed.Body.Length / 5 * 2);

    private static Task<RenderedFeed?> Wait(Task<RenderedFeed?> feed, CancellationToken cancellationToken) =>
        feed.IsCompleted || !cancellationToken.CanBeCanceled ? feed : feed.WaitAsync(cancellationToken);

    public static long Articles(StoreRevisions revisions) => revisions.Articles;

    public static long Entries(StoreRevisions revisions) => revisions.Entries;

    /// <summary>Both counters in one number (each stays far below 2^31 in practice), for documents that show both parts.</summary>
    public static long Both(StoreRevisions revisions) => (revisions.Articles << 32) ^ revisions.Entries;

    /// <summary>Which state of the store a document shows: the revision it follows, read in which epoch
    /// (<see cref="StoreRevisions.Epoch"/>: the same number after the database was out of reach may stand for other contents).</summary>
    private readonly record struct Version(long Revision, long Epoch)
    {
        public static Version Of(StoreRevisions revisions, Func<StoreRevisions, long> dependsOn) => new(dependsOn(revisions), revisions.Epoch);
    }

    /// <summary>One key's document at one version, rendered or being rendered (then <see cref="Bytes"/> is 0).</summary>
    private sealed class Slot(Version version, TaskCompletionSource<RenderedFeed?> completion)
    {
        public Version Version { get; } = version;

        public TaskCompletionSource<RenderedFeed?> Completion { get; } = completion;

        public Task<RenderedFeed?> Feed => Completion.Task;

        public long Bytes { get; set; }

        /// <summary>Written without a lock on every hit: a torn or late value only makes eviction a little less exact.</summary>
        public long LastServed { get; set; }
    }
}
