using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Syndication.Core.Ingestion.Decoding;

/// <summary>Turns the bytes of a feed into text: BOM first, then the HTTP charset, then the XML declaration, else UTF-8.</summary>
internal static class FeedDecoder
{
    /// <summary>The largest body decoded into a pooled buffer: nearly every feed, whose buffer then serves the next poll.</summary>
    internal const int PooledBytes = 1024 * 1024;

    public static DecodedText Decode(byte[] body, string? contentType)
    {
        var (bomEncoding, bomLength) = DetectBom(body);
        if (bomEncoding is not null)
        {
            DecodedText Whole() => new(bomEncoding.GetString(body, bomLength, body.Length - bomLength));
            return bomEncoding.CodePage == Encoding.UTF8.CodePage ? DecodedText.FromUtf8(body.AsMemory(bomLength), Whole) : Whole();
        }
        var utf16 = DetectUtf16WithoutBom(body);
        if (utf16 is not null)
        {
            return new DecodedText(utf16.GetString(body));
        }
        if (StartsWithJsonObject(body))
        {
            // JSON Feed is UTF-8 by definition, whatever a server's default charset says.
            return AsUtf8(body);
        }
        var declared = CharsetResolver.Resolve(ContentTypeCharset.Find(contentType))
            ?? CharsetResolver.Resolve(XmlDeclarationEncoding.Find(body));
        if (declared is null || CharsetResolver.IsUtf8(declared) || !IsAsciiCompatible(declared))
        {
            // A UTF-16/32 label on a body whose first bytes read as ASCII is a wrong label.
            return AsUtf8(body);
        }
        if (declared.IsSingleByte && !Ascii.IsValid(body) && Utf8.IsValid(body))
        {
            // Servers label XML "iso-8859-1" by default and templates copy declarations; text in a single-byte
            // code page is practically never also valid multi-byte UTF-8, so the bytes outvote the label.
            return new DecodedText(Encoding.UTF8.GetString(body));
        }
        return new DecodedText(DecodeWith(declared, body));
    }

    /// <summary>
    /// The bytes of a JSON document that is valid UTF-8 (after a UTF-8 BOM, if any) — JSON Feed's own encoding, read as
    /// it is; null for anything else, which <see cref="Decode"/> turns into text.
    /// </summary>
    public static ReadOnlyMemory<byte>? Utf8JsonOf(byte[] body)
    {
        var start = body.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var json = body.AsMemory(start);
        if (!StartsWithJsonObject(json.Span) || !Utf8.IsValid(json.Span))
        {
            // Not "? json : null": null would convert to an empty ReadOnlyMemory, which is not null.
            return null;
        }
        return json;
    }

    private static (Encoding? Encoding, int Length) DetectBom(ReadOnlySpan<byte> body) => body switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (Encoding.UTF8, 3),
        [0xFF, 0xFE, 0x00, 0x00, ..] => (Encoding.UTF32, 4),
        [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: false), 4),
        [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
        [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
        _ => (null, 0),
    };

    private static Encoding? DetectUtf16WithoutBom(ReadOnlySpan<byte> body) => body switch
    {
        [(byte)'<', 0x00, (byte)'?', 0x00, ..] => Encoding.Unicode,
        [0x00, (byte)'<', 0x00, (byte)'?', ..] => Encoding.BigEndianUnicode,
        _ => null,
    };

    private static bool StartsWithJsonObject(ReadOnlySpan<byte> body)
    {
        var start = body.IndexOfAnyExcept(" \t\r\n"u8);
        return start >= 0 && body[start] == (byte)'{';
    }

    private static bool IsAsciiCompatible(Encoding encoding) =>
        encoding.CodePage is not (1200 or 1201 or 12000 or 12001);

    private static string DecodeWith(Encoding declared, byte[] body)
    {
        if (declared.IsSingleByte)
        {
            // Single-byte tables map every byte, so there is nothing to fail on.
            return declared.GetString(body);
        }
        var strict = (Encoding)declared.Clone();
        strict.DecoderFallback = DecoderFallback.ExceptionFallback;
        try
        {
            return strict.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return declared.GetString(body);
        }
    }

    /// <summary>
    /// The body as UTF-8, decoded as it is read: an XML feed is then decoded straight into the XmlReader's buffer, block
    /// by block, as a bare XmlReader over the bytes would. The whole text is made only when asked for (<see cref="DecodeUtf8"/>).
    /// </summary>
    private static DecodedText AsUtf8(byte[] body) => DecodedText.FromUtf8(body, () => DecodeUtf8(body));

    /// <summary>UTF-8 when valid; a body that claims UTF-8 but is not is read as mostly-UTF-8 or as windows-1252.</summary>
    private static DecodedText DecodeUtf8(byte[] body)
    {
        // One pass: Utf8.ToUtf16 validates as it transcodes, where Utf8.IsValid then GetString (which counts first)
        // made three; and into a pooled buffer, as a feed-sized string would be a new large object every parse. Not a
        // body past PooledBytes: the shared pool keeps what it is given, one array per thread that returned one, and
        // polls run on many threads — a burst of 10 MB bodies left hundreds of megabytes pooled for good.
        var pooled = body.Length <= PooledBytes;
        var buffer = pooled ? ArrayPool<char>.Shared.Rent(body.Length) : new char[body.Length];
        if (Utf8.ToUtf16(body, buffer, out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done)
        {
            return pooled ? DecodedText.FromPool(buffer, written) : DecodedText.FromBuffer(buffer, written);
        }
        if (pooled)
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
        return new DecodedText(LooksMostlyUtf8(body) ? Encoding.UTF8.GetString(body) : CharsetResolver.Windows1252.GetString(body));
    }

    // A UTF-8 document with a few stray bytes keeps its real characters (strays become U+FFFD);
    // a windows-1252 document mislabelled UTF-8 has no valid multi-byte sequences at all.
    private static bool LooksMostlyUtf8(ReadOnlySpan<byte> body)
    {
        var valid = 0;
        var invalid = 0;
        var i = body.IndexOfAnyExceptInRange((byte)0x00, (byte)0x7F);
        while (i >= 0 && i < body.Length)
        {
            if (body[i] < 0x80)
            {
                i++;
                continue;
            }
            var status = Rune.DecodeFromUtf8(body[i..], out _, out var consumed);
            if (status == OperationStatus.Done)
            {
                valid++;
            }
            else
            {
                invalid++;
            }
            i += Math.Max(consumed, 1);
        }
        return valid > invalid;
    }
}
