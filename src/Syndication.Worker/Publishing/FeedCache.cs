using System.Collections.Concurrent;

namespace Syndication.Worker.Publishing;

/// <summary>Keeps each rendered document until the archive revision moves, so a feed is rendered once per change.</summary>
public sealed class FeedCache(ArchiveRevision revision)
{
    private readonly ConcurrentDictionary<string, (long Revision, RenderedFeed Feed)> _entries = new(StringComparer.Ordinal);

    /// <summary>The cached document for a key, rendering it when the archive changed; null when render finds nothing.</summary>
    public async Task<RenderedFeed?> GetAsync(string key, Func<CancellationToken, Task<RenderedFeed?>> render, CancellationToken cancellationToken)
    {
        var current = await revision.CurrentAsync(cancellationToken);
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

    public int Count => _entries.Count;
}
