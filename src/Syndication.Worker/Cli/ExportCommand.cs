using System.CommandLine;
using Microsoft.Extensions.Options;
using Syndication.Worker.Configuration;
using Syndication.Worker.Publishing.Export;

namespace Syndication.Worker.Cli;

/// <summary><c>syndication export --out DIR</c>: writes every feed as a static file laid out like its URL; only changed files are replaced.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "The folder to write into (feeds go to DIR/feeds/…, as their URLs)", HelpName = "DIR", Required = true };
        var command = new Command("export", "Write every published feed as static files laid out like their URLs, replacing only files that changed") { output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = parse.GetValue(output)!;
            if (File.Exists(directory))
            {
                await Console.Error.WriteLineAsync($"error: --out {directory} is a file, not a folder");
                return ExitCodes.BadArguments;
            }
            using var host = ConsoleHost.Build();
            // Without a server there is no listening address to fall back to, and the files' links must be right.
            if (string.IsNullOrWhiteSpace(host.Services.GetRequiredService<IOptions<SyndicationOptions>>().Value.PublicBaseUrl))
            {
                await Console.Error.WriteLineAsync(
                    $"Invalid configuration: {SyndicationOptions.SectionName}:{nameof(SyndicationOptions.PublicBaseUrl)}: is required to export: "
                    + "the exported feeds link to it, so set it to the address the files will be served from "
                    + "(appsettings.json, or the environment variable Syndication__PublicBaseUrl)");
                return ExitCodes.InvalidConfiguration;
            }
            await ConsoleHost.ReadyAsync(host, createDatabase: false, cancellationToken);
            // The exporter is the service's (AddScheduledExport); a one-shot verb builds its own from the same parts.
            var exporter = ActivatorUtilities.GetServiceOrCreateInstance<FeedExporter>(host.Services);
            try
            {
                Console.WriteLine($"Exported {await exporter.ExportAsync(directory, cancellationToken)}");
                return ExitCodes.Ok;
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"error: cannot write into {directory}: {error.Message}");
                return ExitCodes.BadArguments;
            }
        });
        return command;
    }
}
