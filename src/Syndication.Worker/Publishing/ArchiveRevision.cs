using Microsoft.Extensions.Options;
using Syndication.Storage.Articles;
using Syndication.Worker.Configuration;

namespace Syndication.Worker.Publishing;

/// <summary>Tells caches which archive revision is current, asking the database at most once per check interval.</summary>
public sealed class ArchiveRevision(ArticleStore store, TimeProvider clock, IOptions<SyndicationOptions> options)
{
    private readonly TimeSpan _interval = TimeSpan.FromMilliseconds(options.Value.RevisionCheckIntervalMs);
    private readonly Lock _gate = new();
    private long _revision = -1;
    private long _checkedAt;

    public async ValueTask<long> CurrentAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_revision >= 0 && clock.GetElapsedTime(_checkedAt) < _interval)
            {
                return _revision;
            }
        }
        var revision = await store.GetRevisionAsync(cancellationToken);
        lock (_gate)
        {
            _revision = revision;
            _checkedAt = clock.GetTimestamp();
        }
        return revision;
    }

    /// <summary>After a write in this process: the next request looks again instead of waiting for the interval.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            _revision = -1;
        }
    }
}
