namespace Syndication.Worker.Ingestion;

/// <summary>The "Syndication:Ingestion" configuration section: sources, schedule, and the fetcher's limits.</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Syndication:Ingestion";

    /// <summary>Whether the scheduler polls sources at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>OPML file synced into the sources table at start; empty to manage sources only from the CLI.</summary>
    public string SourcesOpml { get; set; } = "feeds/sources.opml";

    /// <summary>Allow fetching loopback, private, link-local and multicast addresses (tests and closed networks only).</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>User-Agent header; empty means "Syndication/VERSION (+PUBLIC-BASE-URL)".</summary>
    public string? UserAgent { get; set; }

    public int ConnectTimeoutSeconds { get; set; } = 10;

    /// <summary>The whole fetch, headers and body, must finish within this.</summary>
    public int RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>Largest body accepted, counted after decompression.</summary>
    public long MaxBodyBytes { get; set; } = 10 * 1024 * 1024;

    public int MaxRedirects { get; set; } = 5;

    /// <summary>Global cap on polls running at the same time.</summary>
    public int MaxConcurrentPolls { get; set; } = 4;

    public int DefaultIntervalMinutes { get; set; } = 30;

    public int MinIntervalMinutes { get; set; } = 5;

    public int MaxIntervalMinutes { get; set; } = 24 * 60;

    /// <summary>
    /// How long a node's claim on a due source lasts; renewed every third of it while the poll runs, so a node that
    /// dies mid-poll leaves its sources to the other nodes after at most this long.
    /// </summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>
    /// The poll loop looks for due sources at least this often, besides when the next known one is due: sources added
    /// or made due by another node or a CLI verb are picked up within it.
    /// </summary>
    public int CheckSeconds { get; set; } = 15;

    /// <summary>Time zone for feed dates that carry no offset.</summary>
    public string DefaultTimeZone { get; set; } = "Asia/Ho_Chi_Minh";

    /// <summary>Ingested entries older than this many days are removed; 0 keeps everything.</summary>
    public int RetentionDays { get; set; }

    /// <summary>How many entries the related-coverage feeds carry.</summary>
    public int RelatedFeedSize { get; set; } = 50;
}
