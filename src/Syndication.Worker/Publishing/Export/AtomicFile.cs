namespace Syndication.Worker.Publishing.Export;

/// <summary>Replaces a file's bytes all at once — a reader sees the old file or the new one, never half — and only when they differ.</summary>
internal static class AtomicFile
{
    /// <summary>The suffix of the temporary files written beside their targets (hidden by a leading dot).</summary>
    public const string TemporarySuffix = ".export.tmp";

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> unless it already holds them; true when it wrote.</summary>
    public static async Task<bool> WriteIfChangedAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (await HoldsAsync(path, bytes, cancellationToken))
        {
            // Left untouched, so its modification time (and a web server's Last-Modified and ETag) stays.
            return false;
        }
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        // In the same folder, so the rename is within one file system and atomic.
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81_920, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(bytes, cancellationToken);
                // On disk before the rename: after a crash the name holds the old bytes or all of the new ones.
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
        return true;
    }

    private static async Task<bool> HoldsAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var file = new FileInfo(path);
        if (!file.Exists || file.Length != bytes.Length)
        {
            return false;
        }
        var existing = await File.ReadAllBytesAsync(path, cancellationToken);
        return existing.AsSpan().SequenceEqual(bytes);
    }
}
