using Microsoft.Extensions.Options;
using Syndication.Storage.Articles;
using Syndication.Storage.Schema;
using Syndication.Worker.Configuration;
using Syndication.Worker.Importing;

namespace Syndication.Worker.Hosting;

/// <summary>Readies the archive before anything is served: migrations, then the seeds when the archive is empty.</summary>
public sealed class ArchiveStartup(
    Migrator migrator,
    ArticleStore store,
    ArticleImporter importer,
    IOptions<SyndicationOptions> options,
    ILogger<ArchiveStartup> logger)
{
    public async Task RunAsync(bool importSeeds, CancellationToken cancellationToken)
    {
        var applied = await migrator.MigrateAsync(cancellationToken);
        logger.LogInformation("Database ready at schema version {Version} ({Applied} migrations applied)", Migrator.LatestVersion, applied);
        var seeds = options.Value.SeedsPath;
        if (!importSeeds || !options.Value.ImportSeedsOnStart || await store.CountAsync(cancellationToken) > 0)
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
