using System.CommandLine;
using Syndication.Worker.Hosting;

namespace Syndication.Worker.Cli;

/// <summary><c>syndication serve</c>: the HTTP service; ASP.NET Core options such as <c>--urls</c> pass through.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Serve the feeds over HTTP (imports seeds/ into an empty archive first). Takes ASP.NET Core options such as --urls");
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        await using var app = WebHost.Build([.. parse.UnmatchedTokens]);
        await WebHost.RunAsync(app, cancellationToken);
        return ExitCodes.Ok;
    }
}
