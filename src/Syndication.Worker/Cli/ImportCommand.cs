using System.CommandLine;
using Syndication.Worker.Importing;
using Syndication.Worker.Search;

namespace Syndication.Worker.Cli;

/// <summary><c>syndication import PATH…</c>: imports seed files and folders, with progress on standard error.</summary>
internal static class ImportCommand
{
    private const int MaxSkippedNamed = 10;

    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Seed files (.txt, .jsonl) or folders to import", Arity = ArgumentArity.OneOrMore };
        var command = new Command("import", "Import seed articles idempotently (unchanged files change nothing)") { paths };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await ConsoleHost.StartAsync(cancellationToken, createDatabase: true);
            var importer = host.Services.GetRequiredService<ArticleImporter>();
            var report = await importer.ImportAsync(parse.GetValue(paths)!, new ConsoleProgress(), cancellationToken);
            foreach (var error in report.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
            }
            foreach (var path in report.Skipped.Take(MaxSkippedNamed))
            {
                await Console.Error.WriteLineAsync($"note: skipped {path}: not a seed file ({string.Join(", ", ArticleImporter.Extensions)})");
            }
            if (report.Skipped.Count > MaxSkippedNamed)
            {
                await Console.Error.WriteLineAsync($"note: skipped {report.Skipped.Count - MaxSkippedNamed} more file(s) that are not seed files");
            }
            if (report.NothingFound)
            {
                return ExitCodes.CannotRead;
            }
            Console.WriteLine($"Imported {report}");
            var related = await host.Services.GetRequiredService<CoverageRelator>().RelateAllPendingAsync(cancellationToken);
            await Console.Error.WriteLineAsync($"Related {related.Articles} articles and {related.Entries} entries to their coverage");
            return report.Errors.Count == 0 ? ExitCodes.Ok : ExitCodes.SomeInputRejected;
        });
        return command;
    }

    /// <summary>Prints a progress line about every 5% of the files, on standard error so output stays clean.</summary>
    private sealed class ConsoleProgress : IProgress<ImportProgress>
    {
        private int _lastPercent = -1;

        public void Report(ImportProgress value)
        {
            if (value.FilesTotal < 20)
            {
                return;
            }
            var percent = value.FilesDone * 100 / value.FilesTotal;
            if (percent / 5 != _lastPercent / 5 || value.FilesDone == value.FilesTotal)
            {
                _lastPercent = percent;
                Console.Error.WriteLine($"[{percent,3}%] {value.FilesDone}/{value.FilesTotal} files");
            }
        }
    }
}
