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
/// asked again an interval later. Revisions read after the database was out of reach carry a new
/// <see cref="StoreRevisions.Epoch"/> (the count of interruptions seen before the read, plus the restarts of the server
/// seen), so nothing kept by a revision number read before is taken for current when the database came back without the
/// commits that number stood for — also after a restart quick enough that no call of this node failed meanwhile.
/// </summary>
public sealed class ArchiveRevision(ArticleStore store, TimeProvider clock, IOptions<SyndicationOptions> options, StorageHealth storage)
{
    private readonly TimeSpan _interval = TimeSpan.FromMilliseconds(options.Value.RevisionCheckIntervalMs);

    /// <summary>The last answer and when it was read, replaced whole, so readers need no lock (every cached feed request reads it).</summary>
    private volatile Checked? _checked;

    /// <summary>The server run the last revisions came from, and how many times a read found another one.</summary>
    private volatile string? _server;
    private long _restarts;

    public ValueTask<StoreRevisions> CurrentAsync(CancellationToken cancellationToken) =>
        TryCurrent(out var known) ? ValueTask.FromResult(known) : ReadAsync(cancellationToken);

    /// <summary>The revisions when they were read within the check interval; false when the database must be asked again.</summary>
    public bool TryCurrent(out StoreRevisions revisions)
    {
        if (_checked is { } last && clock.GetElapsedTime(last.At) < _interval)
        {
            revisions = last.Revisions;
            return true;
        }
        revisions = null!;
        return false;
    }

    private async ValueTask<StoreRevisions> ReadAsync(CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        // Counted before the read: an interruption met while it runs gives the next read a new epoch.
        var epoch = storage.Interruptions;
        StoreRevisions revisions;
        try
        {
            revisions = await store.GetRevisionsAsync(cancellationToken);
        }
        catch (Exception error) when (storage.Observe(error) is { MayPass: true } && _checked is { } last)
        {
            _checked = last with { At = clock.GetTimestamp() };
            return last.Revisions;
        }
        if (_server is { } known && known != revisions.Server)
        {
            Interlocked.Increment(ref _restarts);
        }
        _server = revisions.Server;
        revisions = revisions with { Epoch = epoch + Interlocked.Read(ref _restarts) };
        // Timed from before the read, so a change committed while it ran is looked for again within the interval.
        _checked = new Checked(revisions, started);
        return revisions;
    }

    /// <summary>After a write in this process: the next request looks again instead of waiting for the interval.</summary>
    public void Invalidate() => _checked = null;

    private sealed record Checked(StoreRevisions Revisions, long At);
}
