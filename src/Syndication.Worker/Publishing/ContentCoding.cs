namespace Syndication.Worker.Publishing;

/// <summary>The forms a feed is sent in.</summary>
internal enum ContentCoding
{
    Identity,
    Gzip,
    Brotli,
}
