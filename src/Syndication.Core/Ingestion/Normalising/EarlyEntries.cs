using Syndication.Core.Ingestion.Parsing;

namespace Syndication.Core.Ingestion.Normalising;

/// <summary>
/// Entries normalised as soon as they are read, while their strings are still in cache: the leading entries of a feed,
/// good for the feed's result only if what they took from the feed (its xml:base, link and authors) is the same at its end.
/// </summary>
/// <remarks>
/// Normalised after the whole document, each entry of a large feed was fetched back from memory (an entry, its texts,
/// its lists: ~5 % of a 2,000-item parse in NormaliseEntry alone). Whatever changes later only costs the early work:
/// <see cref="FeedNormaliser"/> then normalises from the raw entries, which are all still kept.
/// </remarks>
internal sealed class EarlyEntries(FeedParseContext context)
{
    private Uri? _feedBase;
    private string? _feedLink;
    private Uri? _feedLinkBase;
    private int _feedAuthors;
    private Uri? _entryBase;
    private bool _stopped;

    /// <summary>The normalised results of the feed's first <c>Count</c> raw entries, in order.</summary>
    public List<ParsedEntry> Entries { get; } = [];

    /// <summary>Normalises the entry just added to the feed, unless an earlier one could not be or the feed changed since.</summary>
    public void Add(RawFeed feed, RawEntry entry)
    {
        if (_stopped || Entries.Count != feed.Entries.Count - 1 || Entries.Count >= EntryLimits.Entries)
        {
            _stopped = true;
            return;
        }
        if (Entries.Count == 0)
        {
            if (feed.Base is null && feed.Link is null)
            {
                // The channel's link, which entries resolve against, usually comes first; without it, wait for the end.
                _stopped = true;
                return;
            }
            (_feedBase, _feedLink, _feedLinkBase, _feedAuthors) = (feed.Base, feed.Link, feed.LinkBase, feed.Authors.Count);
            _entryBase = FeedNormaliser.EntryBase(feed, context, out _);
        }
        else if (!IsCurrent(feed))
        {
            _stopped = true;
            return;
        }
        Entries.Add(FeedNormaliser.Entry(entry, feed.Authors, _entryBase, context.DefaultTimeZone));
    }

    /// <summary>Whether the feed's base, link and authors are those the entries were normalised with.</summary>
    public bool IsCurrent(RawFeed feed) =>
        ReferenceEquals(feed.Base, _feedBase) && ReferenceEquals(feed.Link, _feedLink)
        && ReferenceEquals(feed.LinkBase, _feedLinkBase) && feed.Authors.Count == _feedAuthors;
}
