using System.Xml;
using Syndication.Core.Ingestion.Normalising;
using static Syndication.Core.Ingestion.Parsing.XmlElements;

namespace Syndication.Core.Ingestion.Parsing;

/// <summary>Reads RSS 0.91, 0.92 and 2.0 (root rss) and RSS 0.90 and 1.0 (root rdf:RDF), with the usual extensions.</summary>
internal static class RssParser
{
    public static void ReadRss(XmlReader reader, RawFeed feed, Uri? documentUri)
    {
        feed.Format = reader.GetAttribute("version")?.Trim() switch
        {
            "0.91" => "rss0.91",
            "0.92" => "rss0.92",
            _ => "rss2.0",
        };
        ReadChannelsAndItems(reader, feed, documentUri);
    }

    public static void ReadRdf(XmlReader reader, RawFeed feed, Uri? documentUri)
    {
        feed.Format = DeclaresNamespace(reader, FeedNamespaces.Rss090) ? "rss0.90" : "rss1.0";
        ReadChannelsAndItems(reader, feed, documentUri);
    }

    /// <summary>The children of &lt;rss&gt; or &lt;rdf:RDF&gt;: the channel, and items (inside it or, in RDF and broken RSS, beside it).</summary>
    private static void ReadChannelsAndItems(XmlReader reader, RawFeed feed, Uri? documentUri)
    {
        var feedBase = ReadBase(reader, null, documentUri);
        feed.Base = feedBase;
        var children = new ChildElements(reader);
        while (children.MoveNext())
        {
            if (!FeedNamespaces.IsRss(reader.NamespaceURI))
            {
                reader.Skip();
            }
            else if (reader.LocalName == "channel")
            {
                if (reader.NamespaceURI == FeedNamespaces.Rss090)
                {
                    feed.Format = "rss0.90";
                }
                ReadChannel(reader, feed, feedBase, documentUri);
            }
            else if (reader.LocalName == "item" && feed.Entries.Count >= EntryLimits.Entries)
            {
                // Past the entries kept, the rest are not even read: 40,000 read items cost hundreds of MB.
                reader.Skip();
            }
            else if (reader.LocalName == "item")
            {
                // Items belong in the channel in RSS 2.0, beside it in RDF, and some generators close the channel first.
                feed.AddEntry(ReadItem(reader, feedBase, documentUri));
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static bool DeclaresNamespace(XmlReader reader, string ns)
    {
        var found = false;
        if (reader.MoveToFirstAttribute())
        {
            do
            {
                found |= reader.Value.Trim() == ns && (reader.Prefix == "xmlns" || reader.Name == "xmlns");
            }
            while (reader.MoveToNextAttribute());
            reader.MoveToElement();
        }
        return found;
    }

    private static void ReadChannel(XmlReader reader, RawFeed feed, Uri? feedBase, Uri? documentUri)
    {
        var channelBase = ReadBase(reader, feedBase, documentUri);
        feed.Base ??= channelBase;
        var children = new ChildElements(reader);
        while (children.MoveNext())
        {
            var ns = reader.NamespaceURI;
            switch (reader.LocalName)
            {
                case "item" when FeedNamespaces.IsRss(ns) && feed.Entries.Count >= EntryLimits.Entries:
                    reader.Skip();
                    break;
                case "item" when FeedNamespaces.IsRss(ns):
                    feed.AddEntry(ReadItem(reader, channelBase, documentUri));
                    break;
                case "title" when FeedNamespaces.IsRss(ns):
                    var title = ReadContent(reader);
                    feed.Title ??= string.IsNullOrWhiteSpace(title) ? null : new RawText(title, TextKind.Html, channelBase);
                    break;
                case "link" when FeedNamespaces.IsRss(ns):
                    var link = Trimmed(ReadContent(reader));
                    if (feed.Link is null && link is not null)
                    {
                        (feed.Link, feed.LinkBase) = (link, channelBase);
                    }
                    break;
                case "link" when FeedNamespaces.IsAtom(ns):
                    // atom:link in a channel: where its WebSub hub is, and its own address.
                    FeedLinks.Note(feed, Trimmed(reader.GetAttribute("rel")) ?? "alternate", Trimmed(reader.GetAttribute("href")), ReadBase(reader, channelBase, documentUri));
                    reader.Skip();
                    break;
                case "description" when FeedNamespaces.IsRss(ns):
                    var description = ReadContent(reader);
                    feed.Description ??= string.IsNullOrWhiteSpace(description) ? null : new RawText(description, TextKind.Html, channelBase);
                    break;
                case "language" when FeedNamespaces.IsRss(ns) || ns == FeedNamespaces.Dc:
                    feed.Language = First(feed.Language, Trimmed(ReadContent(reader)));
                    break;
                case "lastBuildDate" when FeedNamespaces.IsRss(ns):
                    feed.Updated[0] = First(feed.Updated[0], Trimmed(ReadContent(reader)));
                    break;
                case "pubDate" when FeedNamespaces.IsRss(ns):
                    feed.Updated[1] = First(feed.Updated[1], Trimmed(ReadContent(reader)));
                    break;
                case "date" when ns == FeedNamespaces.Dc:
                    feed.Updated[2] = First(feed.Updated[2], Trimmed(ReadContent(reader)));
                    break;
                case "ttl" when FeedNamespaces.IsRss(ns):
                    feed.TtlMinutes = First(feed.TtlMinutes, Trimmed(ReadContent(reader)));
                    break;
                case "updatePeriod" when ns == FeedNamespaces.Syndication:
                    feed.UpdatePeriod = First(feed.UpdatePeriod, Trimmed(ReadContent(reader)));
                    break;
                case "updateFrequency" when ns == FeedNamespaces.Syndication:
                    feed.UpdateFrequency = First(feed.UpdateFrequency, Trimmed(ReadContent(reader)));
                    break;
                default:
                    // image and textinput have their own title and link, which are not the channel's.
                    reader.Skip();
                    break;
            }
        }
    }

    private static RawEntry ReadItem(XmlReader reader, Uri? parentBase, Uri? documentUri)
    {
        var itemBase = ReadBase(reader, parentBase, documentUri);
        var entry = new RawEntry { Base = itemBase, Id = Trimmed(reader.GetAttribute("about", FeedNamespaces.Rdf)) };
        string? permalinkGuid = null;
        var children = new ChildElements(reader);
        while (children.MoveNext())
        {
            var ns = reader.NamespaceURI;
            var name = reader.LocalName;
            if (FeedNamespaces.IsRss(ns))
            {
                ReadItemElement(reader, entry, name, itemBase, ref permalinkGuid);
            }
            else if (FeedNamespaces.IsDublinCore(ns))
            {
                ReadDublinCore(reader, entry, name, itemBase);
            }
            else if (ns == FeedNamespaces.Content && name == "encoded")
            {
                var content = ReadContentChars(reader);
                entry.Content ??= RawText.Html(content, itemBase);
            }
            else if (ns == FeedNamespaces.Atom10 && name == "updated")
            {
                entry.Updated = First(entry.Updated, Trimmed(ReadContent(reader)));
            }
            else if (FeedNamespaces.IsMedia(ns))
            {
                MediaElements.Read(reader, entry.Enclosures, itemBase);
            }
            else
            {
                reader.Skip();
            }
        }
        if (entry.Link is null && permalinkGuid is not null
            && (permalinkGuid.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
                || permalinkGuid.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
        {
            // A guid that is a permalink (the RSS default) is the item's address when it has no link.
            (entry.Link, entry.LinkBase) = (permalinkGuid, itemBase);
        }
        return entry;
    }

    private static void ReadItemElement(XmlReader reader, RawEntry entry, string name, Uri? itemBase, ref string? permalinkGuid)
    {
        switch (name)
        {
            case "title":
                var title = ReadContent(reader);
                entry.Title ??= string.IsNullOrWhiteSpace(title) ? null : new RawText(title, TextKind.Html, itemBase);
                break;
            case "link":
                var link = Trimmed(ReadContent(reader));
                if (entry.Link is null && link is not null)
                {
                    (entry.Link, entry.LinkBase) = (link, itemBase);
                }
                break;
            case "guid":
                var isPermaLink = !string.Equals(reader.GetAttribute("isPermaLink")?.Trim(), "false", StringComparison.OrdinalIgnoreCase);
                var guid = Trimmed(ReadContent(reader));
                entry.Id ??= guid;
                if (isPermaLink)
                {
                    permalinkGuid ??= guid;
                }
                break;
            case "description":
                var description = ReadContentChars(reader);
                entry.Summary ??= RawText.Html(description, itemBase);
                break;
            case "pubDate":
                entry.Published = First(entry.Published, Trimmed(ReadContent(reader)));
                break;
            case "author":
                RawValues.AddIfPresent(entry.Authors, ReadContent(reader));
                break;
            case "category":
                RawValues.AddIfPresent(entry.Categories, ReadContent(reader));
                break;
            case "enclosure":
                entry.Enclosures.Add(new RawEnclosure(
                    reader.GetAttribute("url"), reader.GetAttribute("type"), reader.GetAttribute("length"), itemBase));
                reader.Skip();
                break;
            default:
                reader.Skip();
                break;
        }
    }

    private static void ReadDublinCore(XmlReader reader, RawEntry entry, string name, Uri? itemBase)
    {
        switch (name)
        {
            case "creator":
                RawValues.AddIfPresent(entry.Authors, ReadContent(reader));
                break;
            case "date" or "created" or "issued":
                entry.PublishedFallback = First(entry.PublishedFallback, Trimmed(ReadContent(reader)));
                break;
            case "modified":
                entry.UpdatedFallback = First(entry.UpdatedFallback, Trimmed(ReadContent(reader)));
                break;
            case "subject":
                RawValues.AddIfPresent(entry.Categories, ReadContent(reader));
                break;
            case "title":
                var title = ReadContent(reader);
                entry.Title ??= string.IsNullOrWhiteSpace(title) ? null : new RawText(title, TextKind.Html, itemBase);
                break;
            case "description":
                var description = ReadContentChars(reader);
                entry.Summary ??= RawText.Html(description, itemBase);
                break;
            default:
                reader.Skip();
                break;
        }
    }
}
