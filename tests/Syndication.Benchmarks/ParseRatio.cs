using System.Diagnostics;
using System.Globalization;

namespace Syndication.Benchmarks;

/// <summary>
/// The parse-to-scan time ratio measured interleaved: each round times a batch of bare XmlReader scans and a batch of
/// parses back to back (alternating which goes first), and the median of the rounds' ratios is reported. On a shared
/// machine whose speed drifts from second to second, BenchmarkDotNet's run-one-then-the-other ratio moves with the
/// drift; a ratio taken within each round mostly cancels it.
/// </summary>
internal static class ParseRatio
{
    public static void Run(IReadOnlyList<int> itemCounts, int rounds)
    {
        Console.WriteLine($"interleaved XmlReader scan vs FeedParser.Parse, {rounds} rounds of ~50 ms batches each; median (P25–P75)");
        foreach (var items in itemCounts)
        {
            var benchmark = new FeedParsingBenchmarks { Items = items };
            benchmark.Setup();
            var bytes = VietnameseNewsFeed.Bytes(items).Length;
            var perBatch = Calibrate(benchmark);
            var scans = new List<double>();
            var parses = new List<double>();
            var ratios = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                double scan, parse;
                if (round % 2 == 0)
                {
                    scan = Time(() => benchmark.XmlReaderScan(), perBatch);
                    parse = Time(() => benchmark.Parse(), perBatch);
                }
                else
                {
                    parse = Time(() => benchmark.Parse(), perBatch);
                    scan = Time(() => benchmark.XmlReaderScan(), perBatch);
                }
                scans.Add(scan);
                parses.Add(parse);
                ratios.Add(parse / scan);
            }
            var parseMicroseconds = Quantile(parses, 0.5) * 1e6;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{items,5} items, {bytes,9:N0} bytes: scan {Quantile(scans, 0.5) * 1e6,9:F1} µs, parse {parseMicroseconds,9:F1} µs " +
                $"({bytes / (parseMicroseconds / 1e6) / 1e6:F0} MB/s); parse/scan {Quantile(ratios, 0.5):F2} ({Quantile(ratios, 0.25):F2}–{Quantile(ratios, 0.75):F2})"));
        }
    }

    /// <summary>Operations per batch so that a batch of parses takes about 50 ms, after a warm-up that lets tiered JIT finish.</summary>
    private static int Calibrate(FeedParsingBenchmarks benchmark)
    {
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(3))
        {
            benchmark.Parse();
            benchmark.XmlReaderScan();
        }
        var one = Time(() => benchmark.Parse(), 5);
        return Math.Max(1, (int)(0.05 / one));
    }

    /// <summary>Seconds per operation over a batch.</summary>
    private static double Time(Func<object> operation, int count)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            GC.KeepAlive(operation());
        }
        return watch.Elapsed.TotalSeconds / count;
    }

    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Round(q * (sorted.Count - 1))];
    }
}
