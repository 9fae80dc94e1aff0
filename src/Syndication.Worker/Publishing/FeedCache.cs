using System.Collections.Concurrent;
using Syndication.Storage;

namespace Syndication.Worker.Publishing;

/// <summary>Keeps each rendered document until the part of the store it shows changes, so a feed is rendered once per change.</summary>
public sealed class FeedCache(ArchiveRevision revision)
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
        _entries[key] = (current, feed);
        return feed;
    }

    public static long Articles(StoreRevisions revisions) => revisions.Articles;

    public static long Entries(StoreRevisions revisions) => revisions.Entries;

    /// <summary>Both counters in one number (each stays far below 2^31 in practice), for documents that show both parts.</summary>
    public static long Both(StoreRevisions revisions) => (revisions.Articles << 32) ^ revisions.Entries;
}
