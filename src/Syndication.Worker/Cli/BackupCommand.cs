using System.CommandLine;
using System.Globalization;
using Syndication.Storage;
using Syndication.Storage.Maintenance;

namespace Syndication.Worker.Cli;

/// <summary><c>syndication backup --out FILE [--force]</c>: a consistent online copy of the database, checked before it is reported.</summary>
internal static class BackupCommand
{
    public static Command Create()
    {
        var output = new Option<string?>("--out") { Description = "The backup file to write (its folder must exist)", HelpName = "FILE" };
        var force = new Option<bool>("--force") { Description = "Replace FILE when it exists" };
        var command = new Command("backup", "Copy the database consistently while the service runs (VACUUM INTO), then check the copy") { output, force };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(output);
            if (string.IsNullOrWhiteSpace(path))
            {
                await Console.Error.WriteLineAsync("error: --out FILE is required: the backup file to write");
                return ExitCodes.BadArguments;
            }
            var target = Path.GetFullPath(path);
            if (Directory.Exists(target))
            {
                await Console.Error.WriteLineAsync($"error: --out {path} is a folder; name the backup file");
                return ExitCodes.BadArguments;
            }
            if (!Directory.Exists(Path.GetDirectoryName(target)))
            {
                await Console.Error.WriteLineAsync($"error: the folder of {target} does not exist");
                return ExitCodes.BadArguments;
            }
            if (File.Exists(target) && !parse.GetValue(force))
            {
                await Console.Error.WriteLineAsync($"error: {target} exists; add --force to replace it");
                return ExitCodes.BadArguments;
            }
            using var host = ConsoleHost.Build();
            if (host.Services.GetRequiredService<Database>() is not SqliteDatabase database)
            {
                await Console.Error.WriteLineAsync(
                    "error: the store is PostgreSQL (Syndication:Postgres); back it up with pg_dump, e.g. pg_dump --format=custom --file=syndication.dump DBNAME");
                return ExitCodes.InvalidConfiguration;
            }
            // Copy the file as it is: no migration, and no empty database created where none was.
            if (!File.Exists(database.Path))
            {
                await Console.Error.WriteLineAsync($"error: there is no database at {database.Path}");
                return ExitCodes.CannotRead;
            }
            long size;
            try
            {
                size = await new DatabaseMaintenance(database).BackupAsync(target, parse.GetValue(force), cancellationToken);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"error: cannot write {target}: {error.Message}");
                return ExitCodes.BadArguments;
            }
            var problems = await new DatabaseMaintenance(new SqliteDatabase(target, database.BusyTimeout)).IntegrityCheckAsync(cancellationToken);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (problems.Count > 0)
            {
                await Console.Error.WriteLineAsync($"error: the copy {target} failed its integrity check: {string.Join("; ", problems.Take(10))}");
                return ExitCodes.CannotRead;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Backed up {database.Path} to {target} ({size} bytes), quick_check ok"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
