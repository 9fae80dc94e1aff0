using Microsoft.Extensions.Options;
using Syndication.Storage;
using Syndication.Storage.Articles;
using Syndication.Worker.Configuration;

namespace Syndication.Worker.Publishing;

/// <summary>Tells caches which store revisions are current, asking the database at most once per check interval.</summary>
public sealed class ArchiveRevision(ArticleStore store, TimeProvider clock, IOptions<SyndicationOptions> options)
{
    private readonly TimeSpan _interval = TimeSpan.FromMilliseconds(options.Value.RevisionCheckIntervalMs);
    private readonly Lock _gate = new();
    private StoreRevisions? _revisions;
    private long _checkedAt;

    public async ValueTask<StoreRevisions> CurrentAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_revisions is { } known && clock.GetElapsedTime(_checkedAt) < _interval)
            {
                return known;
            }
        }
        var revisions = await store.GetRevisionsAsync(cancellationToken);
        lock (_gate)
        {
            _revisions = revisions;
            _checkedAt = clock.GetTimestamp();
        }
        return revisions;
    }

    /// <summary>After a write in this process: the next request looks again instead of waiting for the interval.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _revisions = null;
        }
    }
}
