namespace Syndication.Core.Ingestion;

/// <summary>A document that cannot be read as a feed at all, with the reason (and the line, when XML says where).</summary>
public sealed class FeedParseException : Exception
{
    public FeedParseException(string message) : base(message)
    {
    }

    public FeedParseException(string message, Exception inner) : base(message, inner)
    {
    }
}
