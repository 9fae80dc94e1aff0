using BenchmarkDotNet.Attributes;
using Syndication.Storage.Search;

namespace Syndication.Benchmarks;

/// <summary>Relating one archive article against the 100,000 entries of <see cref="SearchCorpus"/>: terms, BM25 over the
/// entries in its window, recency, matched terms, and the write of its coverage (as after an edit or a poll).</summary>
[MemoryDiagnoser]
[MedianColumn]
[ShortRunJob]
public class CoverageBenchmarks
{
    private CoverageStore _coverage = null!;
    private long _article;

    [GlobalSetup]
    public async Task Setup()
    {
        var database = await SearchCorpus.OpenAsync();
        _coverage = new CoverageStore(database, TimeProvider.System);
        var kept = await _coverage.RelateArticleAsync(1, RelationOptions.Default, CancellationToken.None);
        Console.WriteLine($"// relate article 1: {kept} kept");
    }

    [Benchmark]
    public Task<int> RelateArticle() =>
        _coverage.RelateArticleAsync(1 + (_article++ % SearchCorpus.Articles), RelationOptions.Default, CancellationToken.None);
}
