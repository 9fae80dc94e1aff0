namespace Syndication.Storage.Publishing;

/// <summary>
/// What recording the current tags found: feeds seen for the first time, feeds whose tag moved, feeds gone from the
/// catalog. <see cref="Baseline"/> is true when the table was empty, so nothing was marked as owed a ping.
/// </summary>
public sealed record FeedTagReport(bool Baseline, int New, int Changed, int Removed);
