using System.IO.Compression;
using System.Security.Cryptography;
using Syndication.Core.Publishing.Rendering;

namespace Syndication.Worker.Publishing;

/// <summary>A rendered document kept ready to serve: its bytes, their gzip and brotli forms, validators and type.</summary>
public sealed class RenderedFeed
{
    public RenderedFeed(byte[] body, string contentType, DateTimeOffset lastModified)
    {
        Body = body;
        ContentType = contentType;
        // HTTP dates have whole seconds; a finer Last-Modified would never match If-Modified-Since.
        LastModified = new DateTimeOffset(lastModified.UtcTicks - (lastModified.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        Tag = Convert.ToBase64String(SHA256.HashData(body), 0, 18).Replace('+', '-').Replace('/', '_');
        // Header values a response carries, made once here rather than on every request (FeedResponder).
        IdentityEntityTag = $"\"{Tag}\"";
        GzipEntityTag = $"\"{Tag}-gz\"";
        BrotliEntityTag = $"\"{Tag}-br\"";
        LastModifiedText = Microsoft.Net.Http.Headers.HeaderUtilities.FormatDate(LastModified);
        // Compressed on first demand, once: export and WebSub only need the bytes and the tag.
        _gzip = new(() => Compress(body, stream => new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true)));
        _brotli = new(() => Compress(body, stream => new BrotliStream(stream, CompressionLevel.Optimal, leaveOpen: true)));
    }

    private readonly Lazy<byte[]> _gzip;
    private readonly Lazy<byte[]> _brotli;

    public byte[] Body { get; }

    public byte[] Gzip => _gzip.Value;

    public byte[] Brotli => _brotli.Value;

    public string ContentType { get; }

    public DateTimeOffset LastModified { get; }

    /// <summary>The opaque part of the entity tag: a hash of the uncompressed bytes.</summary>
    public string Tag { get; }

    /// <summary>The quoted entity tags of the identity, gzip and brotli forms (each coding is its own representation).</summary>
    internal string IdentityEntityTag { get; }

    internal string GzipEntityTag { get; }

    internal string BrotliEntityTag { get; }

    /// <summary>Whether the bytes of a coding are made: the identity form always is, a compressed one after its first use.</summary>
    internal bool IsReady(ContentCoding coding) => coding switch
    {
        ContentCoding.Brotli => _brotli.IsValueCreated,
        ContentCoding.Gzip => _gzip.IsValueCreated,
        _ => true,
    };

    internal string EntityTagOf(ContentCoding coding) => coding switch
    {
        ContentCoding.Brotli => BrotliEntityTag,
        ContentCoding.Gzip => GzipEntityTag,
        _ => IdentityEntityTag,
    };

    /// <summary><see cref="LastModified"/> as an HTTP date.</summary>
    internal string LastModifiedText { get; }

    private static byte[] Compress(byte[] body, Func<Stream, Stream> compressor)
    {
        using var output = new ChunkedBufferStream();
        using (var compressing = compressor(output))
        {
            compressing.Write(body);
        }
        return output.ToArray();
    }
}
