using System.Text;
using System.Xml;
using Syndication.Core.Ingestion.Normalising;
using static Syndication.Core.Ingestion.Parsing.XmlElements;

namespace Syndication.Core.Ingestion.Parsing;

/// <summary>Reads Atom 1.0 and Atom 0.3 feeds, with xml:base tracked on the feed, entries, links and text constructs.</summary>
internal static class AtomParser
{
    public static void ReadFeed(XmlReader reader, RawFeed feed, Uri? documentUri)
    {
        var rootNs = reader.NamespaceURI;
        feed.Format = rootNs == FeedNamespaces.Atom03 || reader.GetAttribute("version")?.Trim() == "0.3" ? "atom0.3" : "atom1.0";
        var feedBase = ReadBase(reader, null, documentUri);
        feed.Base = feedBase;
        feed.Language = Trimmed(reader.GetAttribute("lang", FeedNamespaces.Xml));
        var children = new ChildElements(reader);
        while (children.MoveNext())
        {
            if (!IsAtom(reader.NamespaceURI, rootNs))
            {
                reader.Skip();
                continue;
            }
            switch (reader.LocalName)
            {
                // Past the entries kept (EntryLimits.Entries), the rest are not even read: 40,000 read entries cost hundreds of MB.
                case "entry" when feed.Entries.Count >= EntryLimits.Entries:
                    reader.Skip();
                    break;
                case "entry":
                    feed.AddEntry(ReadEntry(reader, rootNs, feedBase, documentUri));
                    break;
                case "title":
                    feed.Title = First(feed.Title, ReadTextConstruct(reader, feedBase, documentUri));
                    break;
                case "subtitle" or "tagline":
                    feed.Description = First(feed.Description, ReadTextConstruct(reader, feedBase, documentUri));
                    break;
                case "link":
                    var (rel, href, linkBase) = ReadLinkAttributes(reader, feedBase, documentUri);
                    if (IsAlternate(rel) && feed.Link is null && href is not null)
                    {
                        (feed.Link, feed.LinkBase) = (href, linkBase);
                    }
                    FeedLinks.Note(feed, rel, href, linkBase);
                    reader.Skip();
                    break;
                case "updated" or "modified":
                    feed.Updated[0] = First(feed.Updated[0], Trimmed(ReadContent(reader)));
                    break;
                case "author":
                    ReadPersonNames(reader, rootNs, feed.Authors);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }

    // Atom elements are matched in either Atom namespace (feeds mix them) and in the root's own, should that be another.
    private static bool IsAtom(string ns, string rootNs) => FeedNamespaces.IsAtom(ns) || ns == rootNs;

    private static RawEntry ReadEntry(XmlReader reader, string rootNs, Uri? feedBase, Uri? documentUri)
    {
        var entryBase = ReadBase(reader, feedBase, documentUri);
        var entry = new RawEntry { Base = entryBase };
        var children = new ChildElements(reader);
        while (children.MoveNext())
        {
            var ns = reader.NamespaceURI;
            if (FeedNamespaces.IsMedia(ns))
            {
                MediaElements.Read(reader, entry.Enclosures, entryBase);
                continue;
            }
            if (!IsAtom(ns, rootNs))
            {
                reader.Skip();
                continue;
            }
            switch (reader.LocalName)
            {
                case "id":
                    entry.Id = First(entry.Id, Trimmed(ReadContent(reader)));
                    break;
                case "title":
                    entry.Title = First(entry.Title, ReadTextConstruct(reader, entryBase, documentUri));
                    break;
                case "link":
                    ReadEntryLink(reader, entry, entryBase, documentUri);
                    break;
                case "published" or "issued":
                    entry.Published = First(entry.Published, Trimmed(ReadContent(reader)));
                    break;
                case "created":
                    entry.PublishedFallback = First(entry.PublishedFallback, Trimmed(ReadContent(reader)));
                    break;
                case "updated" or "modified":
                    entry.Updated = First(entry.Updated, Trimmed(ReadContent(reader)));
                    break;
                case "author":
                    ReadPersonNames(reader, rootNs, entry.Authors);
                    break;
                case "summary":
                    entry.Summary = First(entry.Summary, ReadTextConstruct(reader, entryBase, documentUri));
                    break;
                case "content":
                    entry.Content = First(entry.Content, ReadTextConstruct(reader, entryBase, documentUri));
                    break;
                case "category":
                    // The label is the human-readable form; the term is the fallback (and all most publishers write).
                    RawValues.AddIfPresent(entry.Categories, reader.GetAttribute("label") ?? reader.GetAttribute("term"));
                    reader.Skip();
                    break;
                case "source":
                    ReadSource(reader, rootNs, entry);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        return entry;
    }

    private static void ReadEntryLink(XmlReader reader, RawEntry entry, Uri? entryBase, Uri? documentUri)
    {
        var (rel, href, linkBase) = ReadLinkAttributes(reader, entryBase, documentUri);
        if (href is not null)
        {
            if (IsAlternate(rel) && entry.Link is null)
            {
                (entry.Link, entry.LinkBase) = (href, linkBase);
            }
            else if (rel == "enclosure")
            {
                entry.Enclosures.Add(new RawEnclosure(href, reader.GetAttribute("type"), reader.GetAttribute("length"), linkBase));
            }
        }
        reader.Skip();
    }

    private static (string Rel, string? Href, Uri? Base) ReadLinkAttributes(XmlReader reader, Uri? parentBase, Uri? documentUri)
    {
        var rel = Trimmed(reader.GetAttribute("rel")) ?? "alternate";
        return (rel, Trimmed(reader.GetAttribute("href")), ReadBase(reader, parentBase, documentUri));
    }

    private static bool IsAlternate(string rel) =>
        rel is "alternate" or "http://www.iana.org/assignments/relation/alternate";

    private static void ReadPersonNames(XmlReader reader, string rootNs, List<string> names)
    {
        var children = new ChildElements(reader);
        while (children.MoveNext())
        {
            if (reader.LocalName == "name" && IsAtom(reader.NamespaceURI, rootNs))
            {
                RawValues.AddIfPresent(names, ReadContent(reader));
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static void ReadSource(XmlReader reader, string rootNs, RawEntry entry)
    {
        var children = new ChildElements(reader);
        while (children.MoveNext())
        {
            if (reader.LocalName == "author" && IsAtom(reader.NamespaceURI, rootNs))
            {
                ReadPersonNames(reader, rootNs, entry.SourceAuthors);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    /// <summary>An Atom text construct (1.0 type text/html/xhtml; 0.3 type plus mode xml/escaped/base64), or null when out of line or not text.</summary>
    private static RawText? ReadTextConstruct(XmlReader reader, Uri? parentBase, Uri? documentUri)
    {
        var textBase = ReadBase(reader, parentBase, documentUri);
        var type = Trimmed(reader.GetAttribute("type"))?.ToLowerInvariant();
        var mode = Trimmed(reader.GetAttribute("mode"))?.ToLowerInvariant();
        TextKind? kind = type switch
        {
            null or "text" or "text/plain" => TextKind.Text,
            "html" or "text/html" => TextKind.Html,
            "xhtml" or "application/xhtml+xml" => TextKind.Xhtml,
            _ when type.StartsWith("text/", StringComparison.Ordinal) => TextKind.Text,
            _ => null,
        };
        if (kind is null || reader.GetAttribute("src") is not null)
        {
            // Out-of-line content and media types other than text are not entry text.
            reader.Skip();
            return null;
        }
        string value;
        if (mode == "base64")
        {
            value = DecodeBase64(ReadContent(reader));
            kind = kind == TextKind.Xhtml ? TextKind.Html : kind;
        }
        else if (kind == TextKind.Xhtml && mode != "escaped")
        {
            value = ReadXhtml(reader);
        }
        else
        {
            value = ReadContent(reader, out var hasMarkup);
            if (hasMarkup || mode == "escaped" && kind == TextKind.Xhtml)
            {
                kind = TextKind.Html;
            }
        }
        return string.IsNullOrWhiteSpace(value) ? null : new RawText(value, kind.Value, textBase);
    }

    private static string DecodeBase64(string text)
    {
        var bytes = new byte[text.Length];
        return Convert.TryFromBase64String(text.Trim(), bytes, out var written)
            ? Encoding.UTF8.GetString(bytes, 0, written)
            : string.Empty;
    }
}
