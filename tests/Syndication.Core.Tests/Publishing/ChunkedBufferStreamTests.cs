using Syndication.Core.Publishing.Rendering;

namespace Syndication.Core.Tests.Publishing;

public sealed class ChunkedBufferStreamTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(16 * 1024 - 1)]
    [InlineData(16 * 1024)]
    [InlineData(16 * 1024 + 1)]
    [InlineData(2_000_003)]
    public void Gives_back_exactly_what_was_written_in_pieces_of_any_size(int length)
    {
        var random = new Random(length);
        var expected = new byte[length];
        random.NextBytes(expected);
        using var buffer = new ChunkedBufferStream();

        for (var offset = 0; offset < length;)
        {
            var piece = Math.Min(length - offset, random.Next(0, 40_000));
            if (piece == 1)
            {
                buffer.WriteByte(expected[offset]);
            }
            else
            {
                buffer.Write(expected, offset, piece);
            }
            offset += piece;
        }

        Assert.Equal(length, buffer.Length);
        Assert.Equal(expected, buffer.ToArray());
    }

    [Fact]
    public void A_disposed_buffer_refuses_writes_and_reads_of_its_content()
    {
        var buffer = new ChunkedBufferStream();
        buffer.Write([1, 2, 3]);
        buffer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => buffer.Write([4]));
        Assert.Throws<ObjectDisposedException>(() => buffer.ToArray());
    }

    [Fact]
    public void It_cannot_be_read_or_moved_around_in()
    {
        using var buffer = new ChunkedBufferStream();
        Assert.False(buffer.CanRead);
        Assert.False(buffer.CanSeek);
        Assert.Throws<NotSupportedException>(() => buffer.Read(new byte[4], 0, 4));
        Assert.Throws<NotSupportedException>(() => buffer.Seek(0, SeekOrigin.Begin));
    }
}
