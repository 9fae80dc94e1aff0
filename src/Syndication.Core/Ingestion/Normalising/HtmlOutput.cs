namespace Syndication.Core.Ingestion.Normalising;

/// <summary>
/// The fast path's output as pieces: runs of the input kept as written are only referenced, what changes is written to a
/// scratch buffer, and the string is built once at the end.
/// </summary>
/// <remarks>
/// Most of a description is text kept as written; copying it into a builder and then out again into a string was half
/// the fast path's time. Referenced runs cost nothing until the one copy into the result.
/// </remarks>
internal sealed class HtmlOutput
{
    // Larger buffers are not kept: one huge document must not pin its buffers for the thread's life.
    private const int MaxKeptScratch = 64 * 1024;
    private const int MaxKeptPieces = 4 * 1024;

    private HtmlPiece[] _pieces = new HtmlPiece[64];
    private char[] _scratch = new char[1024];
    private int _count;
    private int _written;

    public int Length { get; private set; }

    public void Clear()
    {
        _count = 0;
        _written = 0;
        Length = 0;
    }

    /// <summary>Keeps input[start..(start + length)] as written.</summary>
    public void Keep(int start, int length)
    {
        if (length == 0)
        {
            return;
        }
        Length += length;
        if (_count > 0 && _pieces[_count - 1] is { Written: false } last && last.Start + last.Length == start)
        {
            _pieces[_count - 1] = last with { Length = last.Length + length };
            return;
        }
        Add(new HtmlPiece(start, length, Written: false));
    }

    public HtmlOutput Append(char c) => Append(new ReadOnlySpan<char>(in c));

    public HtmlOutput Append(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return this;
        }
        if (_written + text.Length > _scratch.Length)
        {
            Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, _written + text.Length));
        }
        text.CopyTo(_scratch.AsSpan(_written));
        Length += text.Length;
        if (_count > 0 && _pieces[_count - 1] is { Written: true } last && last.Start + last.Length == _written)
        {
            _pieces[_count - 1] = last with { Length = last.Length + text.Length };
        }
        else
        {
            Add(new HtmlPiece(_written, text.Length, Written: true));
        }
        _written += text.Length;
        return this;
    }

    /// <summary>The characters written rather than kept from the input, in the order written.</summary>
    public ReadOnlySpan<char> Written => _scratch.AsSpan(0, _written);

    /// <summary>Whether the output is exactly input[start..(start + length)], unchanged.</summary>
    public bool IsKept(int start, int length) =>
        (length == 0 && _count == 0) || (_count == 1 && _pieces[0] == new HtmlPiece(start, length, Written: false));

    /// <summary>The output as one string, the kept runs read from the same input that was written from.</summary>
    public string ToString(ReadOnlyMemory<char> input) => string.Create(Length, (Output: this, Input: input), static (target, state) =>
    {
        var input = state.Input.Span;
        var output = state.Output;
        var at = 0;
        for (var p = 0; p < output._count; p++)
        {
            var piece = output._pieces[p];
            var from = piece.Written ? output._scratch.AsSpan(piece.Start, piece.Length) : input.Slice(piece.Start, piece.Length);
            from.CopyTo(target[at..]);
            at += piece.Length;
        }
    });

    /// <summary>Whether the buffers are small enough to keep for the next document.</summary>
    public bool IsWorthKeeping => _scratch.Length <= MaxKeptScratch && _pieces.Length <= MaxKeptPieces;

    private void Add(HtmlPiece piece)
    {
        if (_count == _pieces.Length)
        {
            Array.Resize(ref _pieces, _pieces.Length * 2);
        }
        _pieces[_count++] = piece;
    }
}
