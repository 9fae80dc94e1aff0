using System.Diagnostics;
using Dapper;

namespace Syndication.Benchmarks;

/// <summary>Times SQL variants of one relating query on the search corpus (a by-hand probe, not a benchmark).</summary>
public static class RankProbe
{
    public static async Task RunAsync(string[] sqls)
    {
        var database = await SearchCorpus.OpenAsync();
        await using var connection = await database.OpenAsync(CancellationToken.None);
        foreach (var sql in sqls)
        {
            var clock = Stopwatch.StartNew();
            var rows = (await connection.QueryAsync(sql)).Count();
            var first = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            for (var i = 0; i < 5; i++)
            {
                await connection.QueryAsync(sql);
            }
            Console.WriteLine($"{rows} rows, first {first:F1} ms, then {clock.Elapsed.TotalMilliseconds / 5:F1} ms: {sql.ReplaceLineEndings(" ")[..Math.Min(120, sql.Length)]}");
        }
    }
}
