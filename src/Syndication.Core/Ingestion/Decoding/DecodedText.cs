using System.Buffers;
using System.Text.Unicode;

namespace Syndication.Core.Ingestion.Decoding;

/// <summary>
/// A decoded feed body: a string, characters in a pooled buffer that Dispose returns (a large feed is not one more
/// large string), or UTF-8 bytes decoded only as they are read.
/// </summary>
internal sealed class DecodedText : IDisposable
{
    /// <summary>The characters <see cref="Head"/> holds at most.</summary>
    internal const int HeadLength = 8192;

    private readonly string? _text;
    private readonly int _length;
    private readonly bool _returnToPool;
    private char[]? _pooled;

    private readonly ReadOnlyMemory<byte> _utf8;
    private readonly Func<DecodedText>? _decodeWhole;
    private DecodedText? _whole;
    private char[]? _head;
    private int _headLength;
    private int _headDecoded;
    private int _headBytes;

    public DecodedText(string text)
    {
        _text = text;
        _length = text.Length;
    }

    private DecodedText(char[] buffer, int length, bool returnToPool)
    {
        _pooled = buffer;
        _length = length;
        _returnToPool = returnToPool;
    }

    private DecodedText(ReadOnlyMemory<byte> utf8, Func<DecodedText> decodeWhole)
    {
        _utf8 = utf8;
        _decodeWhole = decodeWhole;
    }

    /// <summary>The whole text (decoded now, when it is still UTF-8 bytes).</summary>
    public ReadOnlySpan<char> Span => Memory.Span;

    /// <summary>The whole text (decoded now, when it is still UTF-8 bytes).</summary>
    public ReadOnlyMemory<char> Memory => _decodeWhole is not null
        ? Whole.Memory
        : _text is not null
            ? _text.AsMemory()
            : (_pooled ?? throw new ObjectDisposedException(nameof(DecodedText))).AsMemory(0, _length);

    /// <summary>The first <see cref="HeadLength"/> characters, or all when there are fewer: the start, without decoding the rest.</summary>
    public ReadOnlySpan<char> Head
    {
        get
        {
            if (_decodeWhole is null || _whole is not null)
            {
                return Span[..Math.Min(Span.Length, HeadLength)];
            }
            if (_head is null)
            {
                // One more than the head, so a surrogate pair at its end still fits and a shorter head is the whole text.
                var head = ArrayPool<char>.Shared.Rent(HeadLength + 1);
                if (Utf8.ToUtf16(_utf8.Span, head.AsSpan(0, HeadLength + 1), out var bytes, out var length, replaceInvalidSequences: false) == OperationStatus.InvalidData)
                {
                    // What the whole decoding makes of such bytes (mostly UTF-8, or windows-1252) decides the head too.
                    ArrayPool<char>.Shared.Return(head);
                    return Span[..Math.Min(Span.Length, HeadLength)];
                }
                (_head, _headLength, _headDecoded, _headBytes) = (head, Math.Min(length, HeadLength), length, bytes);
            }
            return _head.AsSpan(0, _headLength);
        }
    }

    /// <summary>Takes over a buffer rented from <see cref="ArrayPool{T}.Shared"/>; Dispose returns it.</summary>
    public static DecodedText FromPool(char[] pooled, int length) => new(pooled, length, returnToPool: true);

    /// <summary>Takes over a buffer of its own, which the collector frees.</summary>
    public static DecodedText FromBuffer(char[] buffer, int length) => new(buffer, length, returnToPool: false);

    /// <summary>
    /// UTF-8 bytes, read through <see cref="OpenReader"/> as they are decoded; should they turn out invalid, or the whole
    /// text be asked for, <paramref name="decodeWhole"/> makes it (and decides what invalid bytes become).
    /// </summary>
    public static DecodedText FromUtf8(ReadOnlyMemory<byte> utf8, Func<DecodedText> decodeWhole) => new(utf8, decodeWhole);

    /// <summary>
    /// A reader of the whole text, which starts with the characters decoded for <see cref="Head"/> (not decoded twice).
    /// Over UTF-8 bytes not decoded yet it throws a <see cref="System.Text.DecoderFallbackException"/>
    /// at the first invalid byte: the caller then reads <see cref="Memory"/>, which decodes such bytes its own way.
    /// </summary>
    public TextReader OpenReader() => _decodeWhole is not null && _whole is null
        ? new Utf8TextReader(_utf8, _head.AsMemory(0, _headDecoded), _headBytes)
        : new CharMemoryReader(Memory);

    /// <summary>The whole text as a string (a copy when it is pooled).</summary>
    public override string ToString() => _text ?? new string(Span);

    private DecodedText Whole => _whole ??= _decodeWhole!();

    public void Dispose()
    {
        _whole?.Dispose();
        if (_head is { } head)
        {
            _head = null;
            ArrayPool<char>.Shared.Return(head);
        }
        if (_pooled is { } pooled)
        {
            _pooled = null;
            if (_returnToPool)
            {
                ArrayPool<char>.Shared.Return(pooled);
            }
        }
    }
}
