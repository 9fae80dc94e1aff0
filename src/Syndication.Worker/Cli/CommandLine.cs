using System.CommandLine;
using System.CommandLine.Invocation;
using Microsoft.Extensions.Options;
using Syndication.Storage;
using Syndication.Worker.Configuration;
using Syndication.Worker.Hosting;

namespace Syndication.Worker.Cli;

/// <summary>
/// The program's command line: the verbs, one exit code table for all of them (<see cref="ExitCodes"/>), and one line
/// on standard error — never a stack trace — for every failure the program can name.
/// </summary>
internal static class CommandLine
{
    public static RootCommand Create()
    {
        var urls = ServeCommand.UrlsOption();
        var root = new RootCommand(
            "Syndication: publishes a newsroom's archive as feeds and ingests related feeds. Without a verb it runs 'serve'. "
            + "Any setting can be given on the command line as --Section:Key value (e.g. --Syndication:Database data/x.db).")
        {
            urls,
            ServeCommand.Create(),
            ImportCommand.Create(),
            ParseCommand.Create(),
            SourcesCommand.Create(),
            PollCommand.Create(),
            ExportCommand.Create(),
            BackupCommand.Create(),
            GenerateCommand.Create(),
            PartnersCommand.Create(),
            ReindexCommand.Create(),
            StoriesCommand.Create(),
            RelatedCommand.Create(),
            MigrateCommand.Create(),
            StoreCommand.Create(),
            RulesCommand.Create(),
            AlertsCommand.Create(),
        };
        root.SetAction((parse, cancellationToken) => ServeCommand.RunAsync(parse, urls, cancellationToken));
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var (settings, rest) = ConfigurationOverrides.Split(args);
        ConsoleHost.ConfigurationArgs = settings;
        var parse = Create().Parse(rest);
        if (parse.Action is ParseErrorAction)
        {
            await ReportUsageErrorsAsync(parse);
            return ExitCodes.Usage;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception error) when (Describe(error) is (var lines, var exitCode))
        {
            foreach (var line in lines)
            {
                await Console.Error.WriteLineAsync(line);
            }
            return exitCode;
        }
    }

    /// <summary>The lines and exit code for a failure the program can name; null for a fault of its own (a bug).</summary>
    private static (IReadOnlyList<string> Lines, int ExitCode)? Describe(Exception error) => error switch
    {
        InvalidConfigurationException invalid => (Configuration(invalid.Failures), ExitCodes.InvalidConfiguration),
        OptionsValidationException invalid => (Configuration(invalid.Failures), ExitCodes.InvalidConfiguration),
        _ when ConfigurationCheck.IsBindingError(error) => (Configuration([error.Message]), ExitCodes.InvalidConfiguration),
        DatabaseMissingException missing => ([$"error: {missing.Message}"], ExitCodes.CannotRead),
        StorageFailureException storage => ([$"error: {storage.Failure}"], ExitCodes.StorageFailure),
        _ when StorageFailure.From(error, ConsoleHost.DatabasePath ?? "the database") is { } storage => ([$"error: {storage}"], ExitCodes.StorageFailure),
        _ => null,
    };

    private static string[] Configuration(IEnumerable<string> failures) => [.. failures.Select(failure => $"Invalid configuration: {failure}")];

    /// <summary>Each error once, a "did you mean" for a mistyped verb or option, and where to find the usage.</summary>
    private static async Task ReportUsageErrorsAsync(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var unknown = parse.UnmatchedTokens;
        // A mistyped verb is the whole story: what follows it were its arguments, and "no command given" says it again.
        if (command.Subcommands.Count > 0 && unknown.FirstOrDefault(token => !token.StartsWith('-')) is { } verb)
        {
            await Console.Error.WriteLineAsync($"error: '{verb}' is not a command of '{Path(parse)}'{Hint(verb, command.Subcommands)}");
        }
        else
        {
            for (var i = 0; i < unknown.Count; i++)
            {
                var token = unknown[i];
                var option = token.StartsWith('-');
                if (!option && i > 0 && unknown[i - 1].StartsWith('-'))
                {
                    continue; // the value of the unknown option just reported
                }
                var hint = option ? Hint(token, command.Options) : "";
                await Console.Error.WriteLineAsync($"error: unknown {(option ? "option" : "argument")} '{token}' for '{Path(parse)}'{hint}");
            }
            foreach (var error in parse.Errors.Where(error => !unknown.Any(token => error.Message.Contains($"'{token}'", StringComparison.Ordinal))))
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
            }
        }
        await Console.Error.WriteLineAsync($"See '{Path(parse)} --help'.");
    }

    private static string Hint(string typed, IEnumerable<Symbol> known) =>
        Suggestions.Closest(typed, known.SelectMany(symbol => symbol switch
        {
            Command command => command.Aliases.Prepend(command.Name),
            Option option => option.Aliases.Prepend(option.Name),
            _ => [symbol.Name],
        })) is { } closest ? $"; did you mean '{closest}'?" : "";

    /// <summary>"syndication sources add": the verbs as typed, from the root down to the one that was parsed.</summary>
    private static string Path(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Parent is null ? "syndication" : result.Command.Name);
        }
        names.Reverse();
        return string.Join(' ', names);
    }
}
