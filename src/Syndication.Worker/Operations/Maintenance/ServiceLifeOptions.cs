namespace Syndication.Worker.Operations.Maintenance;

/// <summary>The service-life keys of the "Syndication" section: how long a stop may take.</summary>
internal sealed class ServiceLifeOptions
{
    public const string SectionName = "Syndication";

    /// <summary>How long a stop (SIGTERM) waits for running polls and jobs before it gives up on them.</summary>
    public int ShutdownTimeoutSeconds { get; set; } = 30;
}
