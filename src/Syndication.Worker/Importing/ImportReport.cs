using Syndication.Core.Importing;

namespace Syndication.Worker.Importing;

/// <summary>What an import did: counts per outcome, every error with its file and line, and the files it skipped.</summary>
/// <param name="Files">Seed files read.</param>
/// <param name="Inserted">Articles new to the archive.</param>
/// <param name="Updated">Articles changed.</param>
/// <param name="Unchanged">Articles already stored as they are.</param>
/// <param name="Errors">Files and lines that could not be read, each once.</param>
/// <param name="Skipped">Files that are not seed files (an unknown extension), left alone.</param>
/// <param name="NothingFound">No path given exists: nothing could be read at all.</param>
public sealed record ImportReport(
    int Files, int Inserted, int Updated, int Unchanged, IReadOnlyList<SeedFormatException> Errors, IReadOnlyList<string> Skipped, bool NothingFound)
{
    public override string ToString() =>
        $"{Files} file(s): {Inserted} new, {Updated} updated, {Unchanged} unchanged, {Errors.Count} error(s)";
}
