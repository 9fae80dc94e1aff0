using System.Buffers;

namespace Syndication.Worker.Ingestion.Fetching;

/// <summary>Reads a response body with a hard cap counted after decompression, so a small compressed bomb cannot expand past it.</summary>
internal static class BoundedBody
{
    /// <summary>The body, or null when it is larger than <paramref name="limit"/>; the bytes read so far are kept on <paramref name="attempt"/>, failure or not.</summary>
    public static async Task<byte[]?> ReadAsync(HttpContent content, long limit, FetchAttempt attempt, CancellationToken cancellationToken)
    {
        // With automatic decompression the handler drops Content-Length, so this only trusts a plain body's own size.
        var declared = content.Headers.ContentLength;
        if (declared > limit)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var body = new MemoryStream((int)Math.Min(declared ?? 64 * 1024, Math.Min(limit, Array.MaxLength)));
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (true)
            {
                // Never ask for more than one byte past the limit: that byte is all it takes to know the body is too large.
                var wanted = (int)Math.Min(chunk.Length, limit + 1 - attempt.BytesRead);
                var read = await stream.ReadAsync(chunk.AsMemory(0, wanted), cancellationToken);
                if (read == 0)
                {
                    // A body of its declared length filled the stream's buffer exactly: that buffer is the body, not a copy.
                    return body.Length == body.Capacity ? body.GetBuffer() : body.ToArray();
                }
                attempt.BytesRead += read;
                if (attempt.BytesRead > limit)
                {
                    return null;
                }
                body.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
