namespace Syndication.Worker.Importing;

/// <summary>How far an import has got.</summary>
public sealed record ImportProgress(int FilesDone, int FilesTotal, string CurrentPath);
