namespace Syndication.Core.Ingestion.Decoding;

/// <summary>What StringReader is for a string, for characters in memory that are not one (a pooled buffer).</summary>
internal sealed class CharMemoryReader(ReadOnlyMemory<char> text) : TextReader
{
    private int _position;

    public override int Peek() => _position < text.Length ? text.Span[_position] : -1;

    public override int Read() => _position < text.Length ? text.Span[_position++] : -1;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var count = Math.Min(buffer.Length, text.Length - _position);
        text.Span.Slice(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override int ReadBlock(Span<char> buffer) => Read(buffer);

    public override int ReadBlock(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override string ReadToEnd()
    {
        var rest = text.Span[_position..].ToString();
        _position = text.Length;
        return rest;
    }
}
