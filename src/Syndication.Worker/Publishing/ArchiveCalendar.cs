using Syndication.Storage.Articles;

namespace Syndication.Worker.Publishing;

/// <summary>How many articles each month of the archive has, counted again only when the archive changes.</summary>
public sealed class ArchiveCalendar(ArticleStore store, ArchiveRevision revision, SiteProvider sites) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    // The epoch too: after the database was out of reach, the same revision number may stand for other contents.
    private ((long Articles, long Epoch) Revision, IReadOnlyList<MonthCount> Months)? _known;

    /// <summary>The months that have articles, oldest first, with their counts.</summary>
    public async Task<IReadOnlyList<MonthCount>> MonthsAsync(CancellationToken cancellationToken)
    {
        var read = await revision.CurrentAsync(cancellationToken);
        var current = (read.Articles, read.Epoch);
        if (_known is { } known && known.Revision == current)
        {
            return known.Months;
        }
        // One count at a time: a burst of requests after a change reads the dates once, not once each.
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_known is { } again && again.Revision == current)
            {
                return again.Months;
            }
            var site = sites.Site;
            var months = (await store.GetPublishedTimesAsync(cancellationToken))
                .GroupBy(time => ArchiveMonths.Of(time, site))
                .Select(group => new MonthCount(group.Key, group.Count()))
                .OrderBy(month => month.Month)
                .ToList();
            _known = (current, months);
            return months;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}

/// <summary>A month of the archive (its first day) and how many articles were published in it.</summary>
public sealed record MonthCount(DateOnly Month, int Articles);
