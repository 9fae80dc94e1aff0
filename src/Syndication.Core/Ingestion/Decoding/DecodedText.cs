using System.Buffers;

namespace Syndication.Core.Ingestion.Decoding;

/// <summary>A decoded feed body: a string, or characters in a pooled buffer that Dispose returns (a large feed is not one more large string).</summary>
internal sealed class DecodedText : IDisposable
{
    private readonly string? _text;
    private readonly int _length;
    private readonly bool _returnToPool;
    private char[]? _pooled;

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

    public ReadOnlySpan<char> Span => Memory.Span;

    public ReadOnlyMemory<char> Memory => _text is not null
        ? _text.AsMemory()
        : (_pooled ?? throw new ObjectDisposedException(nameof(DecodedText))).AsMemory(0, _length);

    /// <summary>Takes over a buffer rented from <see cref="ArrayPool{T}.Shared"/>; Dispose returns it.</summary>
    public static DecodedText FromPool(char[] pooled, int length) => new(pooled, length, returnToPool: true);

    /// <summary>Takes over a buffer of its own, which the collector frees.</summary>
    public static DecodedText FromBuffer(char[] buffer, int length) => new(buffer, length, returnToPool: false);

    /// <summary>The whole text as a string (a copy when it is pooled).</summary>
    public override string ToString() => _text ?? new string(Span);

    public void Dispose()
    {
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
