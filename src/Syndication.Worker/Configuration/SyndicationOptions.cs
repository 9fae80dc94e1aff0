namespace Syndication.Worker.Configuration;

/// <summary>The "Syndication" configuration section (appsettings.json, or Syndication__Key environment variables).</summary>
public sealed class SyndicationOptions
{
    public const string SectionName = "Syndication";

    /// <summary>Public base URL of the feeds; empty means the first address the server listens on.</summary>
    public string? PublicBaseUrl { get; set; }

    public string SiteName { get; set; } = "Báo Đắk Lắk";

    public string SiteDescription { get; set; } = "Tin bài của báo, từ kho lưu trữ";

    public string Language { get; set; } = "vi";

    /// <summary>The archive's own time zone: seed times without an offset are read in it, feed dates are shown in it.</summary>
    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";

    public string Database { get; set; } = "data/syndication.db";

    public int BusyTimeoutMs { get; set; } = 5000;

    /// <summary>
    /// How long <c>/readyz</c> may find the write lock held by another writer, probe after probe, before it answers 503:
    /// until then it answers 200 "Degraded" (a poll storing 2,000 entries holds the lock a second or two).
    /// </summary>
    public int ReadyLockHeldSeconds { get; set; } = 30;

    /// <summary>An Npgsql connection string (environment <c>Syndication__Postgres</c>): when set, the store is this
    /// PostgreSQL database, which several nodes can share, and <see cref="Database"/> is not used.</summary>
    public string? Postgres { get; set; }

    /// <summary>This node's name in metrics (<c>syndication_node{node="…"}</c>) and, on a cluster, as the holder of
    /// what it claims; the machine's name and the process id unless set.</summary>
    public string NodeName { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>A size limit for the database in MB (0 for none): past it, writes fail as on a full disk (507) and
    /// reads go on, so one disk can be shared without the archive filling it.</summary>
    public int MaxDatabaseMegabytes { get; set; }

    public string SeedsPath { get; set; } = "seeds";

    /// <summary>Import <see cref="SeedsPath"/> when the service starts on an empty archive.</summary>
    public bool ImportSeedsOnStart { get; set; } = true;

    /// <summary>Section slug for seed files that sit in no section folder and JSON Lines articles that name none.</summary>
    public string DefaultSection { get; set; } = "thoi-su";

    /// <summary>Display names of section slugs.</summary>
    public Dictionary<string, string> Sections { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Log output: "text" (the console default) or "json" (one JSON object per line, for log shippers).</summary>
    public string LogFormat { get; set; } = "text";

    /// <summary>How many articles a feed carries.</summary>
    public int FeedSize { get; set; } = 50;

    /// <summary>How many articles a page of a paged feed (?page=N) carries.</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>A WebSub hub our feeds advertise (rel="hub") and which is pinged when they change; empty for none.</summary>
    public string? WebSubHub { get; set; }

    /// <summary>Cache-Control max-age for feeds, in seconds.</summary>
    public int FeedMaxAgeSeconds { get; set; } = 300;

    /// <summary>How often a request may look for archive changes made by another process (an import from the CLI).</summary>
    public int RevisionCheckIntervalMs { get; set; } = 1000;

    /// <summary>Memory for rendered feeds kept ready to serve, in MB; past it the least recently served are dropped and
    /// rendered again when asked for (the latest feeds are small and hot; archive months and deep pages are large and cold).</summary>
    public int FeedCacheMegabytes { get; set; } = 32;
}
