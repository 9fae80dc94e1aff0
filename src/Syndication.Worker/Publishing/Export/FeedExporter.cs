namespace Syndication.Worker.Publishing.Export;

/// <summary>
/// Writes every catalog feed into a folder laid out like its URL (<c>DIR/feeds/sections/kinh-te/rss.xml</c>), with the
/// bytes the HTTP endpoint serves, and the stylesheet the RSS and Atom feeds point at, so nginx or a CDN can serve the
/// folder. A file is replaced atomically and only when its bytes changed; files of feeds that no longer exist are
/// removed, and nothing else in the folder is touched.
/// Paged feeds (<c>?page=N</c>) have no file name of their own and are not exported.
/// </summary>
internal sealed class FeedExporter(FeedCatalog catalog, FeedPublisher publisher, TimeProvider clock, ILogger<FeedExporter> logger)
{
    // A temporary file this old was left by an export that died; a younger one may belong to one still running.
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    private static readonly EnumerationOptions EveryFile = new()
    {
        RecurseSubdirectories = true,
        // Temporary files start with a dot, so hidden files must be seen; links are not followed out of the folder.
        AttributesToSkip = FileAttributes.ReparsePoint,
    };

    public async Task<ExportReport> ExportAsync(string directory, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(directory);
        var feedsRoot = Path.Combine(root, "feeds");
        var exported = new HashSet<string>(StringComparer.Ordinal);
        int written = 0, unchanged = 0;
        async Task WriteAsync(string path, byte[] bytes)
        {
            var target = Path.GetFullPath(Path.Combine([root, .. path.Split('/')]));
            if (!target.StartsWith(feedsRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                // Feed paths are built from slugs and cannot leave feeds/; this keeps it so if that ever changes.
                throw new InvalidOperationException($"Feed path '{path}' is outside {feedsRoot}");
            }
            exported.Add(target);
            if (await AtomicFile.WriteIfChangedAsync(target, bytes, cancellationToken))
            {
                written++;
            }
            else
            {
                unchanged++;
            }
        }

        foreach (var feed in await catalog.ListAsync(cancellationToken))
        {
            if (await publisher.GetAsync(feed.Address, page: null, cancellationToken) is { } rendered)
            {
                await WriteAsync(feed.Address.Path, rendered.Body);
            }
        }
        // The RSS and Atom feeds reference it; without it a browser opening an exported feed shows raw XML.
        await WriteAsync(FeedStylesheet.Path, FeedStylesheet.Content);
        var removed = RemoveStale(root, feedsRoot, exported);
        var report = new ExportReport(root, written, unchanged, removed);
        logger.Log(written + removed > 0 ? LogLevel.Information : LogLevel.Debug,
            "Exported feeds to {Directory}: {Written} written, {Unchanged} unchanged, {Removed} removed", root, written, unchanged, removed);
        return report;
    }

    /// <summary>Removes files that name a feed we no longer publish, and abandoned temporary files; then the folders that left empty.</summary>
    private int RemoveStale(string root, string feedsRoot, HashSet<string> exported)
    {
        if (!Directory.Exists(feedsRoot))
        {
            return 0;
        }
        var removed = 0;
        var emptied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(feedsRoot, "*", EveryFile).ToList())
        {
            if (exported.Contains(file))
            {
                continue;
            }
            var name = Path.GetFileName(file);
            var abandoned = name.StartsWith('.') && name.EndsWith(AtomicFile.TemporarySuffix, StringComparison.Ordinal)
                && File.GetLastWriteTimeUtc(file) < clock.GetUtcNow().UtcDateTime - AbandonedAfter;
            // Only what would be a feed's URL is ours to remove: a stylesheet or an operator's file stays.
            var staleFeed = FeedAddress.Parse(Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/')) is not null;
            if (!abandoned && !staleFeed)
            {
                continue;
            }
            File.Delete(file);
            removed += staleFeed ? 1 : 0;
            emptied.Add(Path.GetDirectoryName(file)!);
        }
        foreach (var folder in emptied.OrderByDescending(path => path.Length))
        {
            for (var current = folder; current != feedsRoot && Directory.Exists(current) && !Directory.EnumerateFileSystemEntries(current).Any();
                current = Path.GetDirectoryName(current)!)
            {
                Directory.Delete(current);
            }
        }
        return removed;
    }
}
