namespace Syndication.Core.Ingestion.Stories;

/// <summary>Another outlet's copy of a story, as the item that stands for the story names it.</summary>
public sealed record StoryCopy(string Outlet, string? Link, string? Title, DateTimeOffset Published);
