using Syndication.Worker.Configuration;

namespace Syndication.Worker.Publishing.WebSub;

/// <summary>
/// WebSub settings, read from the "Syndication" section beside <see cref="SyndicationOptions.WebSubHub"/>
/// (the hub itself): how often feeds are checked for changes and how pings to the hub are timed.
/// </summary>
internal sealed class WebSubOptions
{
    public const string SectionName = SyndicationOptions.SectionName;

    /// <summary>How often the published feeds are compared with their last recorded versions.</summary>
    public int WebSubCheckSeconds { get; set; } = 15;

    /// <summary>How long one ping may take, connection included, before it counts as failed.</summary>
    public int WebSubTimeoutSeconds { get; set; } = 10;

    /// <summary>The wait before the first retry of a failed ping; it doubles with each failure, up to an hour.</summary>
    public int WebSubRetrySeconds { get; set; } = 60;
}
