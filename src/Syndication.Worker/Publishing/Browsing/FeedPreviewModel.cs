using Syndication.Core.Ingestion;
using Syndication.Core.Publishing.Rendering;

namespace Syndication.Worker.Publishing.Browsing;

/// <summary>A feed as a person opening its URL in a browser sees it: what it is, how to follow it, and its newest
/// items. <c>FeedPath</c> is the feed's address below the site (query included); <c>PagePath</c> the HTML page that
/// shows the same articles, when there is one.</summary>
public sealed record FeedPreviewModel(ParsedFeed Feed, string FeedPath, FeedFormat Format, string? PagePath);
