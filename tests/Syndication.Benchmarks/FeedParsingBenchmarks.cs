using System.Globalization;
using System.Xml;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Syndication.Core.Ingestion;

namespace Syndication.Benchmarks;

/// <summary>Parsing + normalising (decode, sniff, parse, sanitise, dates) a Vietnamese news RSS feed, against a bare XmlReader scan.</summary>
[MemoryDiagnoser]
[ShortRunJob]
[Config(typeof(Throughput))]
public class FeedParsingBenchmarks
{
    private byte[] _feed = [];
    private FeedParseContext _context = null!;

    [Params(50, 2000)]
    public int Items { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _feed = VietnameseNewsFeed.Bytes(Items);
        _context = new FeedParseContext(VietnameseNewsFeed.Url, "application/rss+xml; charset=utf-8", TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh"));
        var entries = FeedParser.Parse(_feed, _context).Entries.Count;
        Console.WriteLine($"// feed: {Items} items, {_feed.Length:N0} bytes, {entries} entries parsed");
    }

    [Benchmark(Baseline = true)]
    public int XmlReaderScan()
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore };
        using var stream = new MemoryStream(_feed, writable: false);
        using var reader = XmlReader.Create(stream, settings);
        var nodes = 0;
        while (reader.Read())
        {
            nodes++;
        }
        return nodes;
    }

    [Benchmark]
    public ParsedFeed Parse() => FeedParser.Parse(_feed, _context);

    private sealed class Throughput : ManualConfig
    {
        public Throughput() => AddColumn(new ThroughputColumn(benchmark =>
            VietnameseNewsFeed.Bytes(Convert.ToInt32(benchmark.Parameters[nameof(Items)], CultureInfo.InvariantCulture)).Length));
    }
}
