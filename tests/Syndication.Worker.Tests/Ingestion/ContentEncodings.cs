using System.IO.Compression;

namespace Syndication.Worker.Tests.Ingestion;

/// <summary>Bodies encoded as servers send them, for <see cref="LoopbackFeedServer.ServeBytes"/>.</summary>
public static class ContentEncodings
{
    /// <summary>Encodes with an HTTP content coding: "gzip", "br" or "deflate" (which HTTP means as zlib).</summary>
    public static byte[] Encode(byte[] plain, string encoding)
    {
        ArgumentNullException.ThrowIfNull(plain);
        using var output = new MemoryStream();
        using (Stream compressor = encoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true),
            "br" => new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true),
            "deflate" => new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "gzip, br or deflate"),
        })
        {
            compressor.Write(plain);
        }
        return output.ToArray();
    }
}
