using System.CommandLine;
using Syndication.Storage.Stories;

namespace Syndication.Worker.Cli;

/// <summary><c>syndication stories rebuild</c>: signs every stored entry again and clusters them into stories.</summary>
internal static class StoriesCommand
{
    public static Command Create()
    {
        var rebuild = new Command("rebuild", "Sign every stored entry and cluster the entries into stories again, in order of publication (entries stored before clustering existed each start as their own story)");
        rebuild.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await ConsoleHost.StartAsync(cancellationToken);
            var progress = new Progress<int>(done => Console.Error.WriteLine($"{done} entries"));
            var (entries, stories) = await host.Services.GetRequiredService<StoryStore>().RebuildAsync(progress, cancellationToken);
            Console.WriteLine($"Clustered {entries} entries into {stories} stories");
            return ExitCodes.Ok;
        });
        var command = new Command("stories", "Story clusters: copies of one story from several outlets (docs/stories.md)");
        command.Subcommands.Add(rebuild);
        return command;
    }
}
