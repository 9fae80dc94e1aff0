namespace Syndication.Worker.Operations.Maintenance;

/// <summary>The "Syndication:Maintenance" section: how often the database housekeeping job runs.</summary>
internal sealed class MaintenanceOptions
{
    public const string SectionName = "Syndication:Maintenance";

    /// <summary>Hours between runs of <c>PRAGMA optimize</c> and a WAL checkpoint; 0 turns the job off.</summary>
    public int IntervalHours { get; set; } = 24;
}
