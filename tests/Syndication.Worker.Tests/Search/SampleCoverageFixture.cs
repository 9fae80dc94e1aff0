using Microsoft.Extensions.DependencyInjection;
using Syndication.Worker.Search;
using Syndication.Worker.Tests.Ingestion;

namespace Syndication.Worker.Tests.Search;

/// <summary>
/// The real service on a copy of the repository's seeds/, its sources three outlets' feeds (testdata/coverage/sample)
/// served on loopback, polled and related once; tests only read from it.
/// </summary>
public sealed class SampleCoverageFixture : IAsyncLifetime
{
    private static readonly string[] Feeds = ["tay-nguyen-24h.rss", "cao-nguyen-online.rss", "thong-tan-mien-trung.atom"];

    private readonly string _root = ServiceUnderTest.NewRoot("sample-seeds");
    private LoopbackFeedServer _feeds = null!;

    public ServiceUnderTest Service { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _feeds = await LoopbackFeedServer.StartAsync();
        foreach (var feed in Feeds)
        {
            var body = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "testdata", "coverage", "sample", feed));
            _feeds.ServeFeed("/" + feed, body, feed.EndsWith(".atom", StringComparison.Ordinal) ? "application/atom+xml" : "application/rss+xml");
        }
        Service = await ServiceUnderTest.StartWithSourcesAsync(_root, Feeds.Select(feed => _feeds.Url("/" + feed)),
            "--Syndication:Ingestion:Enabled", "false", "--Syndication:Search:RelateIntervalSeconds", "3600");
        await Service.PollAllSourcesAsync();
        await Service.Services.GetRequiredService<CoverageRelator>().RelateAllPendingAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        await _feeds.DisposeAsync();
        ServiceUnderTest.DeleteRoot(_root);
    }
}
