namespace Syndication.Core.Ingestion.Parsing;

/// <summary>The XML namespaces of the feed formats and the extensions read from them.</summary>
internal static class FeedNamespaces
{
    public const string Atom10 = "http://www.w3.org/2005/Atom";
    public const string Atom03 = "http://purl.org/atom/ns#";
    public const string Rss10 = "http://purl.org/rss/1.0/";
    public const string Rss090 = "http://my.netscape.com/rdf/simple/0.9/";
    public const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public const string Dc = "http://purl.org/dc/elements/1.1/";
    public const string DcTerms = "http://purl.org/dc/terms/";
    public const string Content = "http://purl.org/rss/1.0/modules/content/";
    public const string Media = "http://search.yahoo.com/mrss/";
    public const string Syndication = "http://purl.org/rss/1.0/modules/syndication/";
    public const string Xml = "http://www.w3.org/XML/1998/namespace";

    /// <summary>RSS elements carry no namespace, except in RDF and in the odd feed that gives RSS 2.0 a default one.</summary>
    public static bool IsRss(string ns) =>
        ns.Length == 0 || ns is Rss10 or Rss090 or "http://backend.userland.com/rss2" or "http://backend.userland.com/rss";

    public static bool IsAtom(string ns) => ns is Atom10 or Atom03;

    // Media RSS is published with and without the trailing slash.
    public static bool IsMedia(string ns) => ns is Media or "http://search.yahoo.com/mrss";

    public static bool IsDublinCore(string ns) => ns is Dc or DcTerms;
}
