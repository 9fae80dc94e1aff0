namespace Syndication.Core.Ingestion.Scheduling;

/// <summary>The bounds of polling: the interval used when nothing better is known, and the shortest and longest allowed.</summary>
public sealed record PollPolicy(TimeSpan DefaultInterval, TimeSpan MinInterval, TimeSpan MaxInterval);
