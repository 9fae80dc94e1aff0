using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Syndication.Core.Ingestion.Decoding;

/// <summary>
/// Reads UTF-8 bytes as text, decoding each block straight into the caller's buffer (the XmlReader's own), so a feed is
/// never one feed-sized array of characters; a <see cref="DecoderFallbackException"/> at the first invalid sequence.
/// </summary>
/// <param name="utf8">The bytes.</param>
/// <param name="decoded">Characters of their start decoded already, handed over first.</param>
/// <param name="decodedBytes">How many bytes <paramref name="decoded"/> came from.</param>
internal sealed class Utf8TextReader(ReadOnlyMemory<byte> utf8, ReadOnlyMemory<char> decoded = default, int decodedBytes = 0) : TextReader
{
    private int _position = decodedBytes;

    private ReadOnlyMemory<char> _decoded = decoded;

    // The low half of a surrogate pair whose high half filled the caller's last free slot; '\0' when none.
    private char _pendingLowSurrogate;

    public override int Peek()
    {
        if (!_decoded.IsEmpty)
        {
            return _decoded.Span[0];
        }
        if (_pendingLowSurrogate != '\0')
        {
            return _pendingLowSurrogate;
        }
        Span<char> next = stackalloc char[2];
        var status = Utf8.ToUtf16(utf8.Span[_position..], next, out _, out var decoded, replaceInvalidSequences: false);
        return decoded > 0 ? next[0] : status == OperationStatus.InvalidData ? throw Invalid() : -1;
    }

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }
        if (!_decoded.IsEmpty)
        {
            var count = Math.Min(buffer.Length, _decoded.Length);
            _decoded.Span[..count].CopyTo(buffer);
            _decoded = _decoded[count..];
            return count;
        }
        var written = 0;
        if (_pendingLowSurrogate != '\0')
        {
            buffer[written++] = _pendingLowSurrogate;
            _pendingLowSurrogate = '\0';
        }
        var status = Utf8.ToUtf16(utf8.Span[_position..], buffer[written..], out var read, out var decoded, replaceInvalidSequences: false);
        _position += read;
        written += decoded;
        if (status == OperationStatus.InvalidData)
        {
            throw Invalid();
        }
        if (status == OperationStatus.DestinationTooSmall && written == 0)
        {
            // One free slot and a character outside the BMP next: hand over its high surrogate now, the low one next time.
            Span<char> pair = stackalloc char[2];
            Utf8.ToUtf16(utf8.Span[_position..], pair, out read, out _, replaceInvalidSequences: false, isFinalBlock: false);
            _position += read;
            buffer[written++] = pair[0];
            _pendingLowSurrogate = pair[1];
        }
        return written;
    }

    private DecoderFallbackException Invalid() => new($"Not valid UTF-8 at byte {_position}.");
}
