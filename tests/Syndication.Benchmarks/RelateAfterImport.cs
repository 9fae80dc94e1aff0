using System.Diagnostics;
using System.Globalization;
using Syndication.Core.Generating;
using Syndication.Storage.Articles;
using Syndication.Storage;
using Syndication.Storage.Search;

namespace Syndication.Benchmarks;

/// <summary>
/// Relating after a large import (issue: an import of 8,000 articles once sat 12 minutes relating): a copy of the search
/// corpus (1,000 articles, 100,000 entries from 20 outlets), <c>count</c> more articles stored in import-sized
/// chunks, then every queued article related as `syndication import` does before it exits. Prints the wall time.
/// </summary>
public static class RelateAfterImport
{
    public static async Task RunAsync(int count, int shiftYears)
    {
        var corpus = await SearchCorpus.OpenAsync();
        var folder = Path.Combine(Path.GetTempPath(), "syndication-benchmarks", "relate-after-import");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "syndication.db");
        File.Delete(path);
        await using (var connection = await corpus.OpenAsync(CancellationToken.None))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"VACUUM INTO '{path.Replace("'", "''", StringComparison.Ordinal)}'";
            await command.ExecuteNonQueryAsync();
        }
        var database = new SqliteDatabase(path, TimeSpan.FromSeconds(30));
        var coverage = new CoverageStore(database, TimeProvider.System);
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            // What the corpus left queued is not this measurement's.
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM pending_article_relations; DELETE FROM pending_entry_relations";
            await command.ExecuteNonQueryAsync();
        }
        // The generated archive ends on 2024-12-31 like the corpus's entries; shifted back, it is a back archive older
        // than every entry (as when a newspaper imports its past years while its sources were polled only lately).
        var articles = ArchiveGenerator.Generate(count, seed: 11, BenchmarkArchive.Sections)
            .Select((article, n) => article with
            {
                Slug = string.Create(CultureInfo.InvariantCulture, $"nhap-{n}-{article.Slug}"),
                SourceKey = "import:" + n,
                Published = article.Published.AddYears(-shiftYears),
            })
            .ToList();
        var store = new ArticleStore(database, TimeProvider.System);
        var clock = Stopwatch.StartNew();
        foreach (var chunk in articles.Chunk(200))
        {
            await store.UpsertAsync(chunk, CancellationToken.None);
        }
        var imported = clock.Elapsed;
        int related = 0, rounds = 0;
        RelationReport round;
        do
        {
            round = await coverage.RelatePendingAsync(RelationOptions.Default, 200, CancellationToken.None);
            related += round.Articles;
            rounds++;
        }
        while (round.Remaining > 0);
        var relating = clock.Elapsed - imported;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(shiftYears == 0 ? "dated among the entries" : $"dated {shiftYears} years before")}: stored {count} articles in {imported.TotalSeconds:F1} s; related {related} in {rounds} rounds in {relating.TotalSeconds:F1} s ({relating.TotalMilliseconds / Math.Max(related, 1):F2} ms per article) against {SearchCorpus.Entries} entries; {articles[0].Published:yyyy-MM-dd} to {articles[^1].Published:yyyy-MM-dd}"));
    }
}
