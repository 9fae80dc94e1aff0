using System.CommandLine;
using Syndication.Storage.Search;
using Syndication.Worker.Search;

namespace Syndication.Worker.Cli;

/// <summary><c>syndication reindex</c>: rebuilds the search indexes and works out every article's related coverage again.</summary>
internal static class ReindexCommand
{
    public static Command Create()
    {
        var command = new Command("reindex", "Rebuild the full-text search indexes from the store and relate every article to its coverage again");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await ConsoleHost.StartAsync(cancellationToken);
            var indexed = await host.Services.GetRequiredService<SearchStore>().ReindexAsync(cancellationToken);
            Console.WriteLine($"Indexed {indexed.Articles} articles and {indexed.Entries} entries");
            await host.Services.GetRequiredService<CoverageStore>().QueueAllArticlesAsync(cancellationToken);
            var related = await host.Services.GetRequiredService<CoverageRelator>().RelateAllPendingAsync(cancellationToken);
            Console.WriteLine($"Related {related.Articles} articles and {related.Entries} entries to their coverage");
            return ExitCodes.Ok;
        });
        return command;
    }
}
