using Microsoft.Extensions.DependencyInjection;
using Syndication.Worker.Search;
using Syndication.Worker.Tests.Ingestion;

namespace Syndication.Worker.Tests.Search;

/// <summary>
/// The real service on testdata/seeds, its one source another outlet's feed (testdata/coverage/tay-nguyen-moi.rss)
/// served on loopback, polled and related once; the tests that use it only read.
/// </summary>
public sealed class TestSeedsCoverageFixture : IAsyncLifetime
{
    private LoopbackFeedServer _feeds = null!;

    public string Root { get; } = ServiceUnderTest.NewRoot();

    public ServiceUnderTest Service { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _feeds = await LoopbackFeedServer.StartAsync();
        _feeds.ServeFeed("/tay-nguyen-moi.rss",
            await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "testdata", "coverage", "tay-nguyen-moi.rss")), "application/rss+xml");
        Service = await ServiceUnderTest.StartWithSourcesAsync(Root, [_feeds.Url("/tay-nguyen-moi.rss")],
            "--Syndication:Ingestion:Enabled", "false", "--Syndication:Search:RelateIntervalSeconds", "3600");
        await Service.PollAllSourcesAsync();
        await Service.Services.GetRequiredService<CoverageRelator>().RelateAllPendingAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        await _feeds.DisposeAsync();
        ServiceUnderTest.DeleteRoot(Root);
    }
}
