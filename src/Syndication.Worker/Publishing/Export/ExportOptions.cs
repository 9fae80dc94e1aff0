namespace Syndication.Worker.Publishing.Export;

/// <summary>The "Syndication:Export" section: the scheduled static export (off while <see cref="Directory"/> is empty).</summary>
internal sealed class ExportOptions
{
    public const string SectionName = "Syndication:Export";

    /// <summary>The folder the service exports every feed into; empty turns the scheduled export off.</summary>
    public string? Directory { get; set; }

    /// <summary>How often the scheduled export runs.</summary>
    public int IntervalSeconds { get; set; } = 300;
}
