using System.CommandLine;
using Syndication.Core.Articles;
using Syndication.Core.Generating;
using Syndication.Storage.Articles;

namespace Syndication.Worker.Cli;

/// <summary><c>syndication generate --articles N [--seed S]</c>: fills the archive with a synthetic one for load tests.</summary>
internal static class GenerateCommand
{
    private const int BatchSize = 1000;

    public static Command Create()
    {
        var articles = new Option<int>("--articles") { Description = "How many articles to generate", Required = true }.Between(1, 10_000_000);
        var seed = new Option<int>("--seed") { Description = "Same seed, same archive (default 1)", DefaultValueFactory = _ => 1 };
        var command = new Command("generate", "Add a deterministic synthetic archive (Vietnamese text, sections, authors, tags, images, years of dates) for load tests; re-running changes nothing")
        {
            articles,
            seed,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(articles);
            using var host = await ConsoleHost.StartAsync(cancellationToken, createDatabase: true);
            var store = host.Services.GetRequiredService<ArticleStore>();
            var batch = new List<ArticleContent>(BatchSize);
            var done = 0;
            foreach (var article in ArchiveGenerator.Generate(count, parse.GetValue(seed), host.Services.GetRequiredService<SectionCatalog>()))
            {
                batch.Add(article);
                if (batch.Count == BatchSize)
                {
                    await store.UpsertAsync(batch, cancellationToken);
                    done += batch.Count;
                    batch.Clear();
                    await Console.Error.WriteLineAsync($"[{done * 100 / count,3}%] {done}/{count} articles");
                }
            }
            if (batch.Count > 0)
            {
                await store.UpsertAsync(batch, cancellationToken);
                done += batch.Count;
            }
            Console.WriteLine($"Generated {done} article(s)");
            return ExitCodes.Ok;
        });
        return command;
    }
}
