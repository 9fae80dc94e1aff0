using BenchmarkDotNet.Attributes;
using Syndication.Core.Articles;
using Syndication.Core.Publishing;
using Syndication.Core.Publishing.Rendering;
using Syndication.Storage.Articles;

namespace Syndication.Benchmarks;

/// <summary>A cold build of the site feed (latest 50) from the 100,000-article archive: the query, then the render,
/// as FeedPublisher does on a cache miss (its count and archive-month queries left out).</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class FeedRenderingBenchmarks
{
    private const int FeedSize = 50;
    private ArticleStore _store = null!;
    private FeedRenderer _renderer = null!;
    private Site _site = null!;
    private IReadOnlyList<Article> _latest = [];

    [Params(FeedFormat.Rss, FeedFormat.Atom, FeedFormat.JsonFeed)]
    public FeedFormat Format { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        var database = await BenchmarkArchive.OpenAsync();
        _store = new ArticleStore(database, TimeProvider.System);
        _site = new Site(new Uri("https://baodaklak.example/"), "Báo Đắk Lắk", "Tin tức, thời sự tỉnh Đắk Lắk", "vi",
            TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh"));
        _renderer = new FeedRenderer(_site, _site.Url("feeds/style.xsl"));
        _latest = await _store.GetLatestAsync(FeedSize, ArticleFacet.Site, CancellationToken.None, bodies: false);
        var bytes = _renderer.Render(Document(_latest), Format).Length;
        Console.WriteLine($"// site feed {Format}: {_latest.Count} articles, {bytes:N0} bytes");
    }

    [Benchmark]
    public async Task<IReadOnlyList<Article>> QueryLatest() =>
        await _store.GetLatestAsync(FeedSize, ArticleFacet.Site, CancellationToken.None, bodies: false);

    [Benchmark]
    public byte[] RenderOnly() => _renderer.Render(Document(_latest), Format);

    [Benchmark(Baseline = true)]
    public async Task<byte[]> QueryAndRender()
    {
        var articles = await _store.GetLatestAsync(FeedSize, ArticleFacet.Site, CancellationToken.None, bodies: false);
        return _renderer.Render(Document(articles), Format);
    }

    private FeedDocument Document(IReadOnlyList<Article> articles) =>
        new(_site.Name, _site.Description, FeedAddressPath(), "", articles)
        {
            Links =
            [
                new FeedLink("first", FeedAddressPath() + "?page=2000", Format.MediaType()),
                new FeedLink("last", FeedAddressPath() + "?page=1", Format.MediaType()),
            ],
        };

    private string FeedAddressPath() => "feeds/" + Format.FileName();
}
