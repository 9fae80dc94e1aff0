using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Syndication.Storage;
using Syndication.Storage.Maintenance;
using Syndication.Storage.Articles;
using Syndication.Storage.Schema;
using Syndication.Worker.Configuration;
using Syndication.Worker.Importing;
using Syndication.Worker.Ingestion.Sources;

namespace Syndication.Worker.Hosting;

/// <summary>Readies the store before anything is served: migrations, embargoes that ended, the seeds when the archive is
/// empty, the OPML sources.</summary>
public sealed class ArchiveStartup(
    Database database,
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
        if (serving)
        {
            await CheckFileAsync(cancellationToken);
        }
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

    /// <summary>
    /// A damaged file would start and then fail request after request (feeds 500): the service reads the file's header,
    /// schema and every table's first page before it listens (milliseconds) and does not start on a file that fails it.
    /// The check of every page (<c>PRAGMA quick_check</c>, seconds on a large archive) runs once it listens
    /// (<see cref="Operations.Health.FileCheck"/>). One-shot verbs skip both: their first statement on a damaged page
    /// fails and is reported the same way.
    /// </summary>
    /// <exception cref="StorageFailureException">The file is damaged or is not a database.</exception>
    private async Task CheckFileAsync(CancellationToken cancellationToken)
    {
        if (database is not SqliteDatabase file || !File.Exists(file.Path))
        {
            return; // a PostgreSQL server checks its own pages
        }
        try
        {
            await new DatabaseMaintenance(database).ReadTablesAsync(cancellationToken);
        }
        catch (SqliteException error) when (StorageFailure.From(error, file.Path) is { } failure)
        {
            throw new StorageFailureException(failure);
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
        var report = await importer.ImportAsync([seeds], progress: null, cancellationToken);
        foreach (var error in report.Errors)
        {
            logger.LogWarning("Skipped {Path} line {Line}: {Problem}", error.Path, error.Line, error.Problem);
        }
        if (report.Skipped.Count > 0)
        {
            logger.LogInformation("Left {Count} file(s) in the seeds folder that are not seed files, such as {Path}", report.Skipped.Count, report.Skipped[0]);
        }
    }
}
