using System.Collections.Concurrent;
using Syndication.Storage;

namespace Syndication.Worker.Publishing;

/// <summary>Keeps each rendered document until the part of the store it shows changes, so a feed is rendered once per change.</summary>
/// <param name="revision">Where the store's change counters are read.</param>
/// <param name="capacity">For keys that come from requests (search queries): above this many documents the cache starts
/// over, so no stream of distinct requests can grow it without bound. Null for the catalog's feeds, a known set.</param>
public sealed class FeedCache(ArchiveRevision revision, int? capacity = null)
{
    private readonly ConcurrentDictionary<string, (long Revision, RenderedFeed Feed)> _entries = new(StringComparer.Ordinal);

    /// <summary>The cached document for a key, rendered again when its part of the store changed; null when render finds nothing.</summary>
    public async Task<RenderedFeed?> GetAsync(
        string key, Func<StoreRevisions, long> dependsOn, Func<CancellationToken, Task<RenderedFeed?>> render, CancellationToken cancellationToken)
    {
        var current = dependsOn(await revision.CurrentAsync(cancellationToken));
        if (_entries.TryGetValue(key, out var entry) && entry.Revision == current)
        {
            return entry.Feed;
        }
        var feed = await render(cancellationToken);
        if (feed is null)
        {
            _entries.TryRemove(key, out _);
            return null;
        }
        if (capacity is { } limit && _entries.Count >= limit)
        {
            _entries.Clear();
        }
        _entries[key] = (current, feed);
        return feed;
    }

    public static long Articles(StoreRevisions revisions) => revisions.Articles;

    public static long Entries(StoreRevisions revisions) => revisions.Entries;

    /// <summary>Both counters in one number (each stays far below 2^31 in practice), for documents that show both parts.</summary>
    public static long Both(StoreRevisions revisions) => (revisions.Articles << 32) ^ revisions.Entries;
}
