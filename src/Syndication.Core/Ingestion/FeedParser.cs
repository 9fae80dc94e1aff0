using Syndication.Core.Ingestion.Decoding;
using Syndication.Core.Ingestion.Normalising;
using Syndication.Core.Ingestion.Parsing;

namespace Syndication.Core.Ingestion;

/// <summary>Parses and normalises one feed document (RSS 0.90–2.0, Atom 0.3/1.0, JSON Feed 1.0/1.1), sniffed from its content.</summary>
public static class FeedParser
{
    /// <summary>The normalised feed; a <see cref="FeedParseException"/> when the bytes are not a feed at all.</summary>
    public static ParsedFeed Parse(byte[] body, FeedParseContext context) => Parse(body, context, normaliseEarly: true);

    /// <summary>As above; without <paramref name="normaliseEarly"/> every entry is normalised after the whole document (for tests).</summary>
    internal static ParsedFeed Parse(byte[] body, FeedParseContext context, bool normaliseEarly)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(context);
        if (body.Length == 0)
        {
            throw new FeedParseException("The body is empty: no feed to parse.");
        }
        try
        {
            RawFeed raw;
            if (FeedDecoder.Utf8JsonOf(body) is { } utf8Json)
            {
                raw = JsonFeedParser.Parse(utf8Json);
            }
            else
            {
                using var text = FeedDecoder.Decode(body, context.ContentType);
                raw = DocumentSniffer.Sniff(text) == DocumentKind.Json
                    ? JsonFeedParser.Parse(text.ToString())
                    : XmlFeedParser.Parse(text, context.FeedUrl, normaliseEarly ? context : null);
            }
            return FeedNormaliser.Normalise(raw, context);
        }
        catch (Exception exception) when (exception is not (FeedParseException or OutOfMemoryException))
        {
            // Untrusted input must never surface as anything but a parse error; the type names the bug to fix.
            throw new FeedParseException($"The feed could not be read (internal error: {exception.GetType().Name}: {exception.Message}).", exception);
        }
    }
}
