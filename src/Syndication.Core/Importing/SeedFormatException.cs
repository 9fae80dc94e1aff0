namespace Syndication.Core.Importing;

/// <summary>A seed file that cannot be read as an article, with the file and line that show why (line 0: the whole file).</summary>
public sealed class SeedFormatException(string path, int line, string problem, string? field = null)
    : Exception(line > 0 ? $"{path}:{line}: {problem}" : $"{path}: {problem}")
{
    /// <summary>The JSON field at fault ("title", "images[1].url"), when one is.</summary>
    public string? Field { get; } = field;

    public string Path { get; } = path;
    public int Line { get; } = line;
    public string Problem { get; } = problem;
}
