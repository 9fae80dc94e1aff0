using System.Xml.Linq;
using Syndication.Core.Articles;
using Syndication.Core.Text;

namespace Syndication.Core.Publishing.Rendering;

/// <summary>
/// RFC 6721 tombstones: an <c>at:deleted-entry</c> per withdrawn article, whose <c>ref</c> is the id the entry had, so a
/// reader that mirrored the entry knows to drop it. JSON Feed has no counterpart; the same facts go in our extension.
/// </summary>
internal static class Tombstones
{
    public const string Namespace = "http://purl.org/atompub/tombstones/1.0";

    public static XElement Atom(Site site, DeletedArticle deleted) =>
        new(XName.Get("deleted-entry", Namespace),
            new XAttribute("ref", StableIds.Urn(deleted.StableId)),
            new XAttribute("when", Rfc3339.Format(site, deleted.Deleted)),
            deleted.Comment is { } comment && XmlChars.Strip(comment) is { Length: > 0 } text
                ? new XElement(XName.Get("comment", Namespace), new XAttribute(XNamespace.Xml + "lang", site.Language), text)
                : null);
}
