namespace Syndication.Worker.Partners;

/// <summary>Settings of section <c>Syndication:Partners</c>.</summary>
public sealed class PartnerOptions
{
    public const string SectionName = "Syndication:Partners";

    /// <summary>The rate a new key gets unless <c>partners add --rate</c> says otherwise.</summary>
    public int RequestsPerMinute { get; set; } = 120;

    /// <summary>How often counted usage is written to the store (it is also written at shutdown).</summary>
    public int UsageFlushSeconds { get; set; } = 10;
}
