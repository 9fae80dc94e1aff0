using System.CommandLine;
using Syndication.Storage;
using Syndication.Worker.Hosting;
using Syndication.Worker.Operations.Health;

namespace Syndication.Worker.Cli;

/// <summary><c>syndication serve [--urls URL]</c>: the HTTP service and its scheduler.</summary>
internal static class ServeCommand
{
    /// <summary>ASP.NET Core's <c>--urls</c>, on <c>serve</c> and on the bare program (which serves).</summary>
    public static Option<string?> UrlsOption() => new("--urls")
    {
        Description = "The addresses to listen on, separated by ';' (default http://localhost:5000)",
        HelpName = "URL",
    };

    public static Command Create()
    {
        var urls = UrlsOption();
        var command = new Command("serve", "Serve the feeds over HTTP (imports seeds/ into an empty archive first)") { urls };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, urls, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(ParseResult parse, Option<string?> urls, CancellationToken cancellationToken)
    {
        string[] args = parse.GetValue(urls) is { } addresses ? [.. ConsoleHost.ConfigurationArgs, "--urls", addresses] : [.. ConsoleHost.ConfigurationArgs];
        await using var app = WebHost.Build(args);
        var database = app.Services.GetRequiredService<Database>();
        // Before the first socket of the process: the service listens and fetches only once it starts, below.
        if (EventLoop.PreferInlineCompletions(database))
        {
            EventLoop.Report(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EventLoop)));
        }
        try
        {
            await WebHost.RunAsync(app, cancellationToken);
        }
        catch (Exception error) when (StorageFailure.From(error, database.Description) is { } failure)
        {
            // Named with this service's file; the command line prints it as one line.
            throw new StorageFailureException(failure);
        }
        // The check of every page runs after the service listens; damage it found stopped the service.
        var fileCheck = app.Services.GetRequiredService<FileCheck>();
        await fileCheck.Completion;
        return fileCheck.Failure is { } damaged ? throw new StorageFailureException(damaged) : ExitCodes.Ok;
    }
}
