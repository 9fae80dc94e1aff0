using Syndication.Core.Publishing.Rendering;

namespace Syndication.Worker.Publishing;

/// <summary>
/// Renders the site's own feeds while the rest of the service starts (its hosted services, the listener), on a core that
/// start leaves idle, so the first reader is answered from the feed cache instead of waiting for the archive's newest
/// articles to be read and rendered: on the 100,000-article archive the first <c>/feeds/rss.xml</c> came ~0.5 s after the
/// service listened (tests/load/startup.sh). A request that comes meanwhile shares the render under way; a render that
/// fails is left to the first request, which answers it as it answers any. Only when the site's address is known before
/// the service listens (<c>PublicBaseUrl</c>, as a deployment sets it, or a fixed port): a feed rendered with the stand-in
/// address would link readers to it.
/// </summary>
internal static class FeedWarmUp
{
    private static readonly FeedFormat[] Formats = [FeedFormat.Rss, FeedFormat.Atom, FeedFormat.JsonFeed];

    /// <summary>Starts the renders on a thread of their own (SQLite's calls complete synchronously, and at start the
    /// thread pool has one thread per core); the task completes when they have ended, and never faults.</summary>
    public static Task Start(FeedPublisher publisher, SiteProvider sites, ILogger logger, CancellationToken stopping) =>
        !sites.BaseUrlKnown ? Task.CompletedTask : Task.Factory.StartNew(async () =>
        {
            foreach (var format in Formats)
            {
                try
                {
                    await publisher.GetAsync(FeedAddress.Site(format), null, stopping);
                }
                catch (Exception error)
                {
                    logger.LogDebug(error, "The site's {Format} feed was not rendered ahead of the first request", format);
                    return;
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
}
