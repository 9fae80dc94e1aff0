using System.CommandLine;
using System.Globalization;
using Syndication.Storage;
using Syndication.Storage.Schema;

namespace Syndication.Worker.Cli;

/// <summary>
/// <c>syndication migrate</c>: brings the database to this build's schema and does nothing else, as a one-shot step
/// before nodes start (each node also migrates at its start; on PostgreSQL they wait for each other on an advisory lock).
/// </summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Bring the database to this build's schema version and exit (creates a missing SQLite file)");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = ConsoleHost.Build();
            var database = host.Services.GetRequiredService<Database>();
            var migrator = host.Services.GetRequiredService<Migrator>();
            var before = await migrator.CurrentVersionAsync(cancellationToken);
            var applied = await migrator.MigrateAsync(cancellationToken);
            Console.WriteLine(applied == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{database.Description} is at schema version {migrator.Latest}; nothing to do")
                : string.Create(CultureInfo.InvariantCulture,
                    $"Migrated {database.Description} from schema version {before} to {migrator.Latest} ({applied} steps)"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
