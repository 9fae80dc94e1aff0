namespace Syndication.Worker.Publishing.Export;

/// <summary>What an export did to the folder: files replaced, files left as they were, files of feeds that no longer exist removed.</summary>
internal sealed record ExportReport(string Directory, int Written, int Unchanged, int Removed)
{
    public override string ToString() => $"{Written} written, {Unchanged} unchanged, {Removed} removed in {Directory}";
}
