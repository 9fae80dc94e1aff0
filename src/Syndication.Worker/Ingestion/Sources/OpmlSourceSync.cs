using Microsoft.Extensions.Options;
using Syndication.Core.Ingestion.Opml;
using Syndication.Storage.Ingestion;

namespace Syndication.Worker.Ingestion.Sources;

/// <summary>Makes the sources table follow the OPML file at start: added, renamed and removed outlines reflected.</summary>
public sealed class OpmlSourceSync(SourceStore sources, SourceCatalog catalog, IOptions<IngestionOptions> options, ILogger<OpmlSourceSync> logger)
{
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        var path = options.Value.SourcesOpml;
        if (string.IsNullOrWhiteSpace(path))
        {
            return;
        }
        if (!File.Exists(path))
        {
            logger.LogWarning("The sources file {OpmlPath} does not exist; sources are not synced", Path.GetFullPath(path));
            return;
        }
        IReadOnlyList<OpmlOutline> outlines;
        try
        {
            outlines = OpmlDocument.Parse(await File.ReadAllTextAsync(path, cancellationToken), path);
        }
        catch (FormatException error)
        {
            // A broken OPML must not stop the service nor wipe the sources: keep what is stored.
            logger.LogError("Sources not synced, the OPML file is unreadable: {Error}", error.Message);
            return;
        }
        foreach (var outline in outlines.Where(outline => IsOwn(outline.XmlUrl)))
        {
            logger.LogWarning("Skipped {Url} in {OpmlPath}: it is one of this service's own feeds", outline.XmlUrl, path);
        }
        outlines = [.. outlines.Where(outline => !IsOwn(outline.XmlUrl))];
        var report = await sources.SyncOpmlAsync(outlines, cancellationToken);
        logger.LogInformation("Synced {Count} sources from {OpmlPath}: {Report}", outlines.Count, path, report.ToString());
    }

    private bool IsOwn(string url) => catalog.IsOwn(url);
}
