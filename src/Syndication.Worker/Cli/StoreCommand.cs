using System.CommandLine;
using System.Globalization;
using Npgsql;
using Syndication.Storage;
using Syndication.Storage.Postgres;
using Syndication.Worker.Hosting;

namespace Syndication.Worker.Cli;

/// <summary><c>syndication store copy --to CONN</c>: moves the SQLite archive up into an empty PostgreSQL database, verified.</summary>
internal static class StoreCommand
{
    public static Command Create()
    {
        var to = new Option<string>("--to")
        {
            Description = "The empty PostgreSQL database to copy into, as an Npgsql connection string (Host=…;Database=…;Username=…)",
            HelpName = "CONN",
            Required = true,
        };
        var copy = new Command("copy", "Copy the SQLite archive (Syndication:Database) into an empty PostgreSQL database, and check every table's count") { to };
        copy.SetAction(async (parse, cancellationToken) =>
        {
            PostgresDatabase target;
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(parse.GetValue(to));
                if (string.IsNullOrWhiteSpace(builder.Host))
                {
                    throw new ArgumentException("it names no Host");
                }
                target = new PostgresDatabase(builder.ConnectionString);
            }
            catch (ArgumentException error)
            {
                // Never the string itself: it may hold a password.
                await Console.Error.WriteLineAsync($"error: --to is not a PostgreSQL connection string: {error.Message}");
                return ExitCodes.BadArguments;
            }
            await using var _ = target;
            using var host = ConsoleHost.Build();
            if (host.Services.GetRequiredService<Database>() is not SqliteDatabase source)
            {
                await Console.Error.WriteLineAsync(
                    "error: store copy reads the SQLite file (Syndication:Database); unset Syndication:Postgres to name the file to copy");
                return ExitCodes.InvalidConfiguration;
            }
            if (!File.Exists(source.Path))
            {
                throw new DatabaseMissingException(source.Path);
            }
            StoreCopyReport report;
            try
            {
                report = await new StoreCopy(source, target, host.Services.GetRequiredService<TimeProvider>()).CopyAsync(cancellationToken);
            }
            catch (StoreCopyRefusedException refused)
            {
                await Console.Error.WriteLineAsync($"error: {refused.Message}");
                return ExitCodes.BadArguments;
            }
            catch (NpgsqlException error)
            {
                await Console.Error.WriteLineAsync($"error: cannot copy into {target.Description}: {error.Message}");
                return ExitCodes.StorageFailure;
            }
            var rows = report.Tables.Sum(table => table.Rows);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Copied {source.Path} into {target.Description}: {rows} rows in {report.Tables.Count} tables, every count checked"));
            foreach (var (table, count) in report.Tables.Where(table => table.Rows > 0).OrderBy(table => table.Table, StringComparer.Ordinal))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {table,-28} {count,10}"));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Indexed {report.Indexed.Articles} articles and {report.Indexed.Entries} entries for search"));
            return ExitCodes.Ok;
        });
        return new Command("store", "Move the archive between stores") { copy };
    }
}
