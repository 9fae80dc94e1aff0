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

    /// <summary>What the importer reads; any other file is skipped with a note.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".txt", ".jsonl"];

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
        var skipped = new List<string>();
        var missing = 0;
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    if (IsSeedFile(file))
                    {
                        var folder = Path.GetDirectoryName(Path.GetRelativePath(path, file));
                        files.Add(new SeedFile(file, string.IsNullOrEmpty(folder) ? null : Path.GetFileName(folder)));
                    }
                    else if (!Path.GetFileName(file).StartsWith('.'))
                    {
                        skipped.Add(file);
                    }
                }
            }
            else if (File.Exists(path))
            {
                if (IsSeedFile(path))
                {
                    files.Add(new SeedFile(path, SectionFolderOfFile(path)));
                }
                else
                {
                    skipped.Add(path);
                }
            }
            else
            {
                missing++;
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
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
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

        // The caller reports each error and skipped file once: the CLI prints them, the service's first start logs them.
        var report = new ImportReport(files.Count, inserted, updated, unchanged, errors, skipped, NothingFound: missing == paths.Count);
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
        var text = Decode(await File.ReadAllBytesAsync(file.Path, cancellationToken), file.Path);
        if (file.Path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            var result = jsonLines.Parse(text, file.Path);
            errors.AddRange(result.Errors);
            return [.. result.Articles.Select(line => line.Article)];
        }
        var section = file.SectionFolder is null ? sections.Default : sections.Resolve(file.SectionFolder);
        return [plainText.Parse(text, file.Path, "txt:" + Path.GetFileNameWithoutExtension(file.Path), section)];
    }

    /// <summary>The file as strict UTF-8; bytes that are not name the line they are on.</summary>
    private static string Decode(byte[] bytes, string path)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException error)
        {
            var at = Math.Clamp(error.Index, 0, bytes.Length);
            var line = bytes.AsSpan(0, at).Count((byte)'\n') + 1;
            var bad = error.BytesUnknown is { Length: > 0 } unknown ? $" (byte 0x{unknown[0]:X2})" : "";
            throw new SeedFormatException(path, line, $"not UTF-8 text{bad}: save the file as UTF-8");
        }
    }

    /// <summary>A file named on its own takes its folder as section only when that folder is a known section.</summary>
    private string? SectionFolderOfFile(string path)
    {
        var folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)));
        return folder is not null && sections.IsKnown(folder) ? folder : null;
    }

    private static bool IsSeedFile(string path) => Extensions.Any(extension => path.EndsWith(extension, StringComparison.OrdinalIgnoreCase));

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private sealed record SeedFile(string Path, string? SectionFolder);
}
