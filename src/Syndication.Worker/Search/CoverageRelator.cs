using Microsoft.Extensions.Options;
using Syndication.Storage.Search;

namespace Syndication.Worker.Search;

/// <summary>Relates what changed (articles added or edited, entries stored) until nothing is waiting, in rounds.</summary>
public sealed class CoverageRelator(CoverageStore coverage, IOptions<SearchOptions> options, ILogger<CoverageRelator> logger)
{
    private const int RoundSize = 200;

    /// <summary>Relates everything queued; returns the totals. Safe to stop between rounds.</summary>
    public async Task<RelationReport> RelateAllPendingAsync(CancellationToken cancellationToken)
    {
        int articles = 0, entries = 0;
        RelationReport round;
        do
        {
            round = await coverage.RelatePendingAsync(options.Value.Relation, RoundSize, cancellationToken);
            foreach (var skip in round.Skipped)
            {
                // Taken off the queue, so said once; the rest of the round went on.
                logger.LogWarning("Skipped {Kind} {Id} while relating coverage: {Reason}", skip.Kind.ToString().ToLowerInvariant(), skip.Id, skip.Reason);
            }
            articles += round.Articles;
            entries += round.Entries;
        }
        while (round.Remaining > 0 && round.Articles + round.Entries > 0);
        if (articles + entries > 0)
        {
            logger.LogInformation("Related {Articles} articles and {Entries} entries to their coverage", articles, entries);
        }
        return new RelationReport(articles, entries, round.Remaining);
    }
}
