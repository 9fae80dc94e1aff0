using BenchmarkDotNet.Attributes;
using Syndication.Core.Search;
using Syndication.Storage.Search;

namespace Syndication.Benchmarks;

/// <summary>
/// One search feed's query over the 100,000 entries of <see cref="SearchCorpus"/> (scope related, 50 hits, newest first,
/// with snippets): a topic phrase, a district, a phrase and a district together, a prefix, and words that occur in
/// nearly every entry (the worst case). Also best-first for one, and parsing alone.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[ShortRunJob]
public class SearchBenchmarks
{
    private SearchStore _store = null!;
    private SearchQuery _query = null!;

    [Params("tín dụng chính sách", "Krong Pac", "\"sầu riêng\" Ea Kar", "chuyển đổi*", "xuất khẩu nông nghiệp")]
    public string Query { get; set; } = "";

    [GlobalSetup]
    public async Task Setup()
    {
        var database = await SearchCorpus.OpenAsync();
        _store = new SearchStore(database);
        _query = SearchQuery.Parse(Query);
        var hits = await _store.SearchAsync(_query, SearchScope.Related, SearchOrder.Newest, 50, CancellationToken.None);
        Console.WriteLine($"// search '{Query}' → {_query.Describe()}: {hits.Count} hits, newest {(hits.Count > 0 ? hits[0].Published : (DateTimeOffset?)null):O}");
    }

    [Benchmark(Baseline = true)]
    public Task<IReadOnlyList<SearchHit>> Newest() =>
        _store.SearchAsync(SearchQuery.Parse(Query), SearchScope.Related, SearchOrder.Newest, 50, CancellationToken.None);

    [Benchmark]
    public Task<IReadOnlyList<SearchHit>> BestFirst() =>
        _store.SearchAsync(SearchQuery.Parse(Query), SearchScope.Related, SearchOrder.Relevance, 50, CancellationToken.None);

    [Benchmark]
    public SearchQuery ParseOnly() => SearchQuery.Parse(Query);
}
