namespace Syndication.Worker.Publishing.Embargo;

/// <summary>Settings of the embargo release, in section <c>Syndication</c>.</summary>
public sealed class EmbargoOptions
{
    /// <summary>The longest the release waits before looking at the store again: articles dated ahead by another process
    /// (a CLI import, another node) are seen within this; those saved through this service's API at once.</summary>
    public int ReleaseCheckSeconds { get; set; } = 30;
}
