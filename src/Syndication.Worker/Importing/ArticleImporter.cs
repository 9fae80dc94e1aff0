using System.Diagnostics;
using Syndication.Core.Articles;
using Syndication.Core.Importing;
using Syndication.Storage.Articles;

namespace Syndication.Worker.Importing;

/// <summary>Imports seed files and folders (plain-text articles and JSON Lines) into the archive, idempotently.</summary>
public sealed class ArticleImporter(
    ArticleStore store,
    PlainTextArticleParser plainText,
    JsonLinesArticleParser jsonLines,
    SectionCatalog sections,
    ILogger<ArticleImporter> logger)
{
    /// <summary>Articles read ahead before they are stored.</summary>
    private const int BatchSize = 500;

    /// <summary>
    /// How long one transaction may hold the write lock. Every other writer (the API, polls, the service's jobs)
    /// waits that long at most, well under the busy timeout (5 s) even on a loaded machine; an import of a large
    /// file is then many short transactions instead of one that holds the lock for its whole length.
    /// </summary>
    public static readonly TimeSpan TransactionBudget = TimeSpan.FromMilliseconds(100);

    /// <summary>The pause between two of an import's transactions, for writers waiting on the lock.</summary>
    private static readonly TimeSpan WriterGap = TimeSpan.FromMilliseconds(25);

    public async Task<ImportReport> ImportAsync(IReadOnlyList<string> paths, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var files = new List<SeedFile>();
        var errors = new List<SeedFormatException>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(FindSeedFiles(path));
            }
            else if (File.Exists(path))
            {
                files.Add(new SeedFile(path, SectionFolderOfFile(path)));
            }
            else
            {
                errors.Add(new SeedFormatException(path, 0, "no such file or folder"));
            }
        }

        var batch = new List<ArticleContent>(BatchSize);
        int inserted = 0, updated = 0, unchanged = 0;
        var chunk = new TransactionChunk(TransactionBudget);
        async Task FlushAsync()
        {
            foreach (var outcome in await StoreAsync(batch, chunk, cancellationToken))
            {
                _ = outcome switch
                {
                    UpsertOutcome.Inserted => inserted++,
                    UpsertOutcome.Updated => updated++,
                    _ => unchanged++,
                };
            }
            batch.Clear();
        }

        for (var i = 0; i < files.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var file = files[i];
            try
            {
                batch.AddRange(await ReadAsync(file, errors, cancellationToken));
            }
            catch (SeedFormatException error)
            {
                errors.Add(error);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or System.Text.DecoderFallbackException)
            {
                errors.Add(new SeedFormatException(file.Path, 0, error.Message));
            }
            if (batch.Count >= BatchSize)
            {
                await FlushAsync();
            }
            progress?.Report(new ImportProgress(i + 1, files.Count, file.Path));
        }
        await FlushAsync();

        foreach (var error in errors)
        {
            logger.LogWarning("Skipped {Path} line {Line}: {Problem}", error.Path, error.Line, error.Problem);
        }
        var report = new ImportReport(files.Count, inserted, updated, unchanged, errors);
        logger.LogInformation(
            "Imported {Files} files: {Inserted} new, {Updated} updated, {Unchanged} unchanged, {Errors} errors",
            report.Files, report.Inserted, report.Updated, report.Unchanged, report.Errors.Count);
        return report;
    }

    /// <summary>
    /// Stores articles in short transactions (about <see cref="TransactionBudget"/> each, sized by <paramref name="chunk"/>),
    /// so writers in other processes never wait long for the lock; returns each article's outcome, in order.
    /// </summary>
    public async Task<IReadOnlyList<UpsertOutcome>> StoreAsync(IReadOnlyList<ArticleContent> articles, TransactionChunk chunk, CancellationToken cancellationToken)
    {
        var outcomes = new List<UpsertOutcome>(articles.Count);
        for (var start = 0; start < articles.Count;)
        {
            var size = Math.Min(chunk.Size, articles.Count - start);
            var started = Stopwatch.GetTimestamp();
            outcomes.AddRange(await store.UpsertAsync([.. articles.Skip(start).Take(size)], cancellationToken));
            chunk.Took(size, Stopwatch.GetElapsedTime(started));
            start += size;
            if (start < articles.Count)
            {
                // SQLite does not queue writers: one waiting for the lock looks again every 100 ms or so, and would
                // rarely find it free if the next transaction began at once. A pause lets it in.
                await Task.Delay(WriterGap, cancellationToken);
            }
        }
        return outcomes;
    }

    private async Task<IReadOnlyList<ArticleContent>> ReadAsync(SeedFile file, List<SeedFormatException> errors, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(file.Path, StrictUtf8, cancellationToken);
        if (file.Path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            var result = jsonLines.Parse(text, file.Path);
            errors.AddRange(result.Errors);
            return [.. result.Articles.Select(line => line.Article)];
        }
        var section = file.SectionFolder is null ? sections.Default : sections.Resolve(file.SectionFolder);
        return [plainText.Parse(text, file.Path, "txt:" + Path.GetFileNameWithoutExtension(file.Path), section)];
    }

    /// <summary>Seed files below a folder, in a stable order; a file in a subfolder takes its section from that folder.</summary>
    private static IEnumerable<SeedFile> FindSeedFiles(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(IsSeedFile)
            .Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var folder = Path.GetDirectoryName(Path.GetRelativePath(root, path));
                return new SeedFile(path, string.IsNullOrEmpty(folder) ? null : Path.GetFileName(folder));
            });

    /// <summary>A file named on its own takes its folder as section only when that folder is a known section.</summary>
    private string? SectionFolderOfFile(string path)
    {
        var folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)));
        return folder is not null && sections.IsKnown(folder) ? folder : null;
    }

    private static bool IsSeedFile(string path) =>
        path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private sealed record SeedFile(string Path, string? SectionFolder);
}
