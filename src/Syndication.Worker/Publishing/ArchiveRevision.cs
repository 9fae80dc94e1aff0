using Microsoft.Extensions.Options;
using Syndication.Storage;
using Syndication.Storage.Articles;
using Syndication.Worker.Configuration;
using Syndication.Worker.Operations.Health;

namespace Syndication.Worker.Publishing;

/// <summary>
/// Tells caches which store revisions are current, asking the database at most once per check interval. While the
/// database cannot be reached (a storage failure that may pass), the last revisions it gave stay current, so what the
/// caches hold is still served — readers keep their feeds, /readyz says the node is unready — and the database is
/// asked again an interval later.
/// </summary>
public sealed class ArchiveRevision(ArticleStore store, TimeProvider clock, IOptions<SyndicationOptions> options, StorageHealth storage)
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
        StoreRevisions revisions;
        try
        {
            revisions = await store.GetRevisionsAsync(cancellationToken);
        }
        catch (Exception error) when (storage.Observe(error) is { MayPass: true })
        {
            lock (_gate)
            {
                if (_revisions is not { } last)
                {
                    throw;
                }
                _checkedAt = clock.GetTimestamp();
                return last;
            }
        }
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
