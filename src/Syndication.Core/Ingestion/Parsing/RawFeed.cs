using Syndication.Core.Ingestion.Normalising;

namespace Syndication.Core.Ingestion.Parsing;

/// <summary>A feed as read from the document, before normalising; filled as the reader goes, so a broken document keeps what came before.</summary>
internal sealed class RawFeed
{
    public string? Format { get; set; }

    public RawText? Title { get; set; }

    public string? Link { get; set; }

    /// <summary>The xml:base in effect on the feed element.</summary>
    public Uri? Base { get; set; }

    public Uri? LinkBase { get; set; }

    /// <summary>The WebSub hub the feed names (rel="hub"), as written, with the base it resolves against.</summary>
    public string? Hub { get; set; }

    public Uri? HubBase { get; set; }

    /// <summary>The feed's own address (rel="self"), the topic a WebSub hub knows it by.</summary>
    public string? Self { get; set; }

    public Uri? SelfBase { get; set; }

    public RawText? Description { get; set; }

    public string? Language { get; set; }

    /// <summary>Dates the feed may call its last change, best first (RSS: lastBuildDate, pubDate, dc:date).</summary>
    public string?[] Updated { get; } = new string?[3];

    public string? TtlMinutes { get; set; }

    public string? UpdatePeriod { get; set; }

    public string? UpdateFrequency { get; set; }

    /// <summary>Feed-level authors, for entries that name none (Atom, JSON Feed).</summary>
    public List<string> Authors { get; } = [];

    public List<RawEntry> Entries { get; } = [];

    /// <summary>The leading entries normalised as they were read, when the caller asked for that.</summary>
    public EarlyEntries? Early { get; init; }

    public void AddEntry(RawEntry entry)
    {
        Entries.Add(entry);
        Early?.Add(this, entry);
    }
}
