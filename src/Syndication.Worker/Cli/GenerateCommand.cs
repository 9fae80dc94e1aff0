using System.CommandLine;
using Syndication.Core.Articles;
using Syndication.Core.Generating;
using Syndication.Storage;
using Syndication.Storage.Articles;
using Syndication.Worker.Importing;

namespace Syndication.Worker.Cli;

/// <summary><c>syndication generate --articles N [--seed S]</c>: fills an archive with a synthetic one for load tests.</summary>
internal static class GenerateCommand
{
    private const int BatchSize = 1000;

    public static Command Create()
    {
        var articles = new Option<int>("--articles") { Description = "How many articles to generate", Required = true }.Between(1, 10_000_000);
        var seed = new Option<int>("--seed") { Description = "Same seed, same archive (default 1)", DefaultValueFactory = _ => 1 };
        var live = new Option<bool>("--into-live-archive")
        {
            Description = "Add them even though the archive has real articles (they would be published beside them, and only deleting each takes them out)",
        };
        var command = new Command("generate", "Add a deterministic synthetic archive (Vietnamese text, sections, authors, tags, images, years of dates) for load tests, into a database of its own; re-running changes nothing")
        {
            articles,
            seed,
            live,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(articles);
            using var host = await ConsoleHost.StartAsync(cancellationToken, createDatabase: true);
            var store = host.Services.GetRequiredService<ArticleStore>();
            var real = await store.CountWithoutKeyPrefixAsync(ArchiveGenerator.SourceKeyPrefix, cancellationToken);
            if (real > 0 && !parse.GetValue(live))
            {
                await Console.Error.WriteLineAsync(
                    $"error: {host.Services.GetRequiredService<Database>().Description} holds {real} real article(s); generated ones would be published beside them. "
                    + "Generate into a database of its own (Syndication__Database=…), or add --into-live-archive to do it anyway");
                return ExitCodes.BadArguments;
            }
            var importer = host.Services.GetRequiredService<ArticleImporter>();
            var chunk = new TransactionChunk(ArticleImporter.TransactionBudget);
            var batch = new List<ArticleContent>(BatchSize);
            int done = 0, added = 0;
            async Task StoreAsync()
            {
                added += (await importer.StoreAsync(batch, chunk, cancellationToken)).Count(outcome => outcome == UpsertOutcome.Inserted);
                done += batch.Count;
                batch.Clear();
            }
            foreach (var article in ArchiveGenerator.Generate(count, parse.GetValue(seed), host.Services.GetRequiredService<SectionCatalog>()))
            {
                batch.Add(article);
                if (batch.Count == BatchSize)
                {
                    await StoreAsync();
                    await Console.Error.WriteLineAsync($"[{done * 100 / count,3}%] {done}/{count} articles");
                }
            }
            await StoreAsync();
            Console.WriteLine($"Generated {done} article(s): {added} added, {done - added} already there");
            return ExitCodes.Ok;
        });
        return command;
    }
}
