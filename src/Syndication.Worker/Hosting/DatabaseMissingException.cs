namespace Syndication.Worker.Hosting;

/// <summary>A verb that only works on an existing archive found no database file (exit code 2); it creates none.</summary>
public sealed class DatabaseMissingException(string path)
    : Exception($"there is no database at {path}: set Syndication:Database to the service's file, or create one with 'syndication serve' or 'syndication import'")
{
    public string Path { get; } = path;
}
