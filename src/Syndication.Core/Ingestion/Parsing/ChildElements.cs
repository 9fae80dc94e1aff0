using System.Xml;

namespace Syndication.Core.Ingestion.Parsing;

/// <summary>
/// Walks the child elements of the element the reader is on; the caller reads or skips each one. Should a caller
/// leave a child unread, the walk skips it rather than offer it again, so a parser bug cannot loop forever on hostile input.
/// </summary>
internal struct ChildElements
{
    private readonly XmlReader _reader;
    private readonly IXmlLineInfo? _lines;
    private readonly int _depth;
    private (int Line, int Position) _last;

    public ChildElements(XmlReader reader)
    {
        _reader = reader;
        _lines = reader as IXmlLineInfo;
        _depth = XmlElements.Enter(reader);
        _last = (-1, -1);
    }

    /// <summary>Moves to the next child element; at the parent's end tag, consumes it and returns false.</summary>
    public bool MoveNext()
    {
        if (_depth < 0)
        {
            return false;
        }
        while (!_reader.EOF)
        {
            if (_reader.NodeType == XmlNodeType.Element && _reader.Depth == _depth + 1)
            {
                var here = _lines is null ? (-1, -1) : (_lines.LineNumber, _lines.LinePosition);
                if (here != (-1, -1) && here == _last)
                {
                    _reader.Skip();
                    continue;
                }
                _last = here;
                return true;
            }
            if (_reader.NodeType == XmlNodeType.EndElement && _reader.Depth == _depth)
            {
                _reader.Read();
                return false;
            }
            _reader.Read();
        }
        return false;
    }
}
