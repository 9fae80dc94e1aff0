using System.Xml;

namespace Syndication.Core.Ingestion.Parsing;

/// <summary>Reads Media RSS media:content (alone or inside media:group) as enclosures.</summary>
internal static class MediaElements
{
    public static void Read(XmlReader reader, List<RawEnclosure> enclosures, Uri? entryBase)
    {
        switch (reader.LocalName)
        {
            case "content":
                enclosures.Add(new RawEnclosure(
                    reader.GetAttribute("url"), reader.GetAttribute("type"), reader.GetAttribute("fileSize"), entryBase));
                reader.Skip();
                break;
            case "group":
                var children = new ChildElements(reader);
                while (children.MoveNext())
                {
                    if (FeedNamespaces.IsMedia(reader.NamespaceURI) && reader.LocalName == "content")
                    {
                        Read(reader, enclosures, entryBase);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                break;
            default:
                reader.Skip();
                break;
        }
    }
}
