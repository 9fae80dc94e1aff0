namespace Syndication.Storage;

/// <summary>Change counters of the store: each moves on every change to its part, in any process.</summary>
/// <remarks>A counter can repeat a value with other contents behind it when the database comes back with less than it
/// had (commits lost in a crash, a failover to a standby that had not received them, a restore from backup): the next
/// change then moves it to the number a lost change had. <see cref="Epoch"/> tells such readings apart.</remarks>
public sealed record StoreRevisions(long Articles, long Entries)
{
    /// <summary>Which stretch of unbroken contact with the database the counters were read in, set by the reader that
    /// keeps count of the interruptions (0 from the store itself): anything kept by revision is kept by epoch too.</summary>
    public long Epoch { get; init; }

    /// <summary>Which run of the database server the counters were read from (its start time on PostgreSQL; empty on
    /// SQLite): a server that restarted may have come back with less than it had, even when no call failed meanwhile.</summary>
    public string Server { get; init; } = "";
}
