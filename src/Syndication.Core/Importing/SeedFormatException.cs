namespace Syndication.Core.Importing;

/// <summary>A seed file that cannot be read as an article, with the file and line that show why.</summary>
public sealed class SeedFormatException(string path, int line, string problem)
    : Exception($"{path}:{line}: {problem}")
{
    public string Path { get; } = path;
    public int Line { get; } = line;
    public string Problem { get; } = problem;
}
