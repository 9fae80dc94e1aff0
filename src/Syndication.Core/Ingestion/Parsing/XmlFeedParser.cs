using System.Text;
using System.Xml;
using Syndication.Core.Ingestion.Decoding;
using Syndication.Core.Ingestion.Normalising;

namespace Syndication.Core.Ingestion.Parsing;

/// <summary>
/// Reads an XML feed with a streaming XmlReader: strictly first, so clean feeds stay fast; on an XML error, once more
/// after <see cref="XmlRepair"/>; and when even that fails part-way, keeps the entries read before the error.
/// </summary>
internal static class XmlFeedParser
{
    // DTDs are never processed: a DOCTYPE is skipped, so external entities are not fetched and no entity expands.
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CheckCharacters = true,
        CloseInput = true,

        // Only sync methods are called. With Async set, XmlTextReaderImpl reads its input in 32K-character blocks
        // instead of 4K (an implementation detail of .NET, not a contract): fewer CDATA descriptions then straddle a
        // block, which the reader both shifts in its buffer and assembles in a StringBuilder into a string of their own.
        Async = true,
    };

    /// <summary>The raw feed; with <paramref name="early"/>, its leading entries normalised as they are read (<see cref="EarlyEntries"/>).</summary>
    public static RawFeed Parse(DecodedText text, Uri? documentUri, FeedParseContext? early = null)
    {
        // The whole text as a string only when repair needs one; a clean feed is read as it is decoded.
        string? whole = null;
        if (HasMarkupBeforeDeclaration(text.Head))
        {
            // Markup before the declaration (a PHP warning's <br />) would read as the root element; repair drops it.
            whole = XmlRepair.Repair(text.ToString());
        }
        RawFeed strict;
        XmlException? strictError;
        try
        {
            strict = TryParse(whole is null ? text.OpenReader() : new StringReader(whole), documentUri, early, out strictError);
        }
        catch (DecoderFallbackException)
        {
            // Bytes taken for UTF-8 that are not: read the text as decoded whole, which knows what to make of them.
            strict = TryParse(new CharMemoryReader(text.Memory), documentUri, early, out strictError);
        }
        if (strictError is null)
        {
            return strict;
        }
        var repaired = TryParse(new StringReader(XmlRepair.Repair(whole ?? text.ToString())), documentUri, early, out var repairError);
        if (repairError is null)
        {
            return repaired;
        }
        var best = repaired.Entries.Count >= strict.Entries.Count ? repaired : strict;
        if (best.Format is not null && best.Entries.Count > 0)
        {
            return best;
        }
        throw new FeedParseException($"Not well-formed XML, even after repair: {repairError.Message}", repairError);
    }

    private static bool HasMarkupBeforeDeclaration(ReadOnlySpan<char> text)
    {
        var declaration = text[..Math.Min(text.Length, 4096)].IndexOf("<?xml", StringComparison.Ordinal);
        return declaration > 0 && text[..declaration].Contains('<');
    }

    private static RawFeed TryParse(TextReader text, Uri? documentUri, FeedParseContext? early, out XmlException? error)
    {
        var feed = new RawFeed { Early = early is null ? null : new EarlyEntries(early) };
        error = null;
        try
        {
            using var reader = XmlReader.Create(text, Settings);
            reader.MoveToContent();
            ReadRoot(reader, feed, documentUri);
        }
        catch (XmlException exception)
        {
            error = exception;
        }
        return feed;
    }

    private static void ReadRoot(XmlReader reader, RawFeed feed, Uri? documentUri)
    {
        switch (reader.LocalName)
        {
            case "rss":
                RssParser.ReadRss(reader, feed, documentUri);
                break;
            case "RDF" or "rdf":
                RssParser.ReadRdf(reader, feed, documentUri);
                break;
            case "feed":
                AtomParser.ReadFeed(reader, feed, documentUri);
                break;
            case "html" or "HTML":
                throw new FeedParseException($"An HTML page, not a feed (root element <{reader.Name}>{Where(reader)}).");
            default:
                var ns = reader.NamespaceURI.Length == 0 ? "no namespace" : $"namespace {reader.NamespaceURI}";
                throw new FeedParseException(
                    $"Not a feed: unknown root element <{reader.Name}> ({ns}){Where(reader)}; expected rss, rdf:RDF or feed.");
        }
    }

    private static string Where(XmlReader reader) =>
        reader is IXmlLineInfo info && info.HasLineInfo() ? $" at line {info.LineNumber}, position {info.LinePosition}" : string.Empty;
}
