namespace Syndication.Core.Ingestion.Parsing;

/// <summary>Keeps the feed-level links WebSub needs (rel="hub" and rel="self"), the first of each, from Atom feeds and atom:link in RSS.</summary>
internal static class FeedLinks
{
    public static void Note(RawFeed feed, string rel, string? href, Uri? linkBase)
    {
        if (href is null)
        {
            return;
        }
        // A rel may name several relations ("self hub" is rare but allowed).
        foreach (var relation in rel.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (relation.Equals("hub", StringComparison.OrdinalIgnoreCase) && feed.Hub is null)
            {
                (feed.Hub, feed.HubBase) = (href, linkBase);
            }
            else if (relation.Equals("self", StringComparison.OrdinalIgnoreCase) && feed.Self is null)
            {
                (feed.Self, feed.SelfBase) = (href, linkBase);
            }
        }
    }
}
