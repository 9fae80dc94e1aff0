using System.CommandLine;
using Microsoft.Extensions.Options;
using Syndication.Worker.Cli;

var root = new RootCommand("Syndication: publishes a newsroom's archive as feeds and ingests related feeds. Without a verb it runs 'serve'.")
{
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
    RelatedCommand.Create(),
};
root.TreatUnmatchedTokensAsErrors = false;
root.SetAction(ServeCommand.RunAsync);

try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (OptionsValidationException error)
{
    foreach (var failure in error.Failures)
    {
        await Console.Error.WriteLineAsync($"Invalid configuration: {failure}");
    }
    return ExitCodes.InvalidConfiguration;
}
