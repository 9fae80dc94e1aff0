using Microsoft.Extensions.Options;
using Syndication.Storage.Articles;
using Syndication.Storage.Schema;
using Syndication.Worker.Configuration;
using Syndication.Worker.Importing;
using Syndication.Worker.Ingestion.Sources;

namespace Syndication.Worker.Hosting;

/// <summary>Readies the store before anything is served: migrations, embargoes that ended, the seeds when the archive is
/// empty, the OPML sources.</summary>
public sealed class ArchiveStartup(
    Migrator migrator,
    ArticleStore store,
    ArticleImporter importer,
    OpmlSourceSync opml,
    IOptions<SyndicationOptions> options,
    ILogger<ArchiveStartup> logger)
{
    /// <summary>Migrates; when <paramref name="serving"/>, also imports seeds into an empty archive and syncs the OPML sources.</summary>
    public async Task RunAsync(bool serving, CancellationToken cancellationToken)
    {
        var applied = await migrator.MigrateAsync(cancellationToken);
        logger.LogInformation("Database ready at schema version {Version} ({Applied} migrations applied)", migrator.Latest, applied);
        // Embargoes that ended while no service ran end now, so every verb (an export, a feed count) sees them public.
        if ((await store.ReleaseDueAsync(cancellationToken)) is { Count: > 0 } released)
        {
            logger.LogInformation("Released {Count} articles from embargo: {Slugs}", released.Count, string.Join(", ", released));
        }
        if (serving)
        {
            await ImportSeedsIntoEmptyArchiveAsync(cancellationToken);
            await opml.SyncAsync(cancellationToken);
        }
    }

    private async Task ImportSeedsIntoEmptyArchiveAsync(CancellationToken cancellationToken)
    {
        var seeds = options.Value.SeedsPath;
        if (!options.Value.ImportSeedsOnStart || await store.CountAsync(cancellationToken) > 0)
        {
            return;
        }
        if (!Directory.Exists(seeds))
        {
            logger.LogWarning("The archive is empty and the seeds folder {SeedsPath} does not exist; nothing to import", Path.GetFullPath(seeds));
            return;
        }
        logger.LogInformation("The archive is empty: importing seeds from {SeedsPath}", Path.GetFullPath(seeds));
        await importer.ImportAsync([seeds], progress: null, cancellationToken);
    }
}
