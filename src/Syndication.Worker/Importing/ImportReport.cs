using Syndication.Core.Importing;

namespace Syndication.Worker.Importing;

/// <summary>What an import did: counts per outcome, and every error with its file and line.</summary>
public sealed record ImportReport(int Files, int Inserted, int Updated, int Unchanged, IReadOnlyList<SeedFormatException> Errors)
{
    public override string ToString() =>
        $"{Files} file(s): {Inserted} new, {Updated} updated, {Unchanged} unchanged, {Errors.Count} error(s)";
}
