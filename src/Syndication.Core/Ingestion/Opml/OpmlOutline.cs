namespace Syndication.Core.Ingestion.Opml;

/// <summary>One feed subscription of an OPML file: its feed URL, title, site and category (the enclosing outline).</summary>
public sealed record OpmlOutline(string XmlUrl, string? Title, string? HtmlUrl, string? Category);
