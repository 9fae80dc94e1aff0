using System.Buffers;

namespace Syndication.Core.Publishing.Rendering;

/// <summary>
/// A write-only stream that collects what is written in pooled 16 KB chunks and hands it over as one array of exactly
/// the written length. A <see cref="MemoryStream"/> doubles its array as it grows: rendering a 2 MB archive month
/// through one leaves ~4 MB of dead arrays on the large-object heap, which the GC keeps committed long after; here the
/// only large array is the result.
/// </summary>
public sealed class ChunkedBufferStream : Stream
{
    /// <summary>Below the large-object heap's 85,000 bytes, so the pool's chunks live in the ordinary heap.</summary>
    private const int ChunkBytes = 16 * 1024;

    private readonly List<byte[]> _chunks = [];
    private int _used = ChunkBytes; // in the last chunk; "full" until the first write rents one
    private long _length;
    private bool _disposed;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException("a ChunkedBufferStream is written front to back");
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (!buffer.IsEmpty)
        {
            if (_used == ChunkBytes)
            {
                _chunks.Add(ArrayPool<byte>.Shared.Rent(ChunkBytes));
                _used = 0;
            }
            var count = Math.Min(buffer.Length, ChunkBytes - _used);
            buffer[..count].CopyTo(_chunks[^1].AsSpan(_used));
            _used += count;
            _length += count;
            buffer = buffer[count..];
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Everything written so far, in one new array of exactly that length.</summary>
    public byte[] ToArray()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var result = GC.AllocateUninitializedArray<byte>(checked((int)_length));
        var offset = 0;
        foreach (var chunk in _chunks)
        {
            var count = Math.Min(ChunkBytes, result.Length - offset);
            chunk.AsSpan(0, count).CopyTo(result.AsSpan(offset));
            offset += count;
        }
        return result;
    }

    protected override void Dispose(bool disposing)
    {
        foreach (var chunk in _chunks)
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        _chunks.Clear();
        _disposed = true;
        base.Dispose(disposing);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("a ChunkedBufferStream is write-only");

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("a ChunkedBufferStream is written front to back");

    public override void SetLength(long value) => throw new NotSupportedException("a ChunkedBufferStream is written front to back");
}
