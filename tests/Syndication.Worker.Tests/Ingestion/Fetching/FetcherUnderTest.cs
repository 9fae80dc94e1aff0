using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Syndication.Worker.Ingestion;
using Syndication.Worker.Ingestion.Fetching;

namespace Syndication.Worker.Tests.Ingestion.Fetching;

/// <summary>The real FeedFetcher, built by AddFeedFetching as the host builds it, with test settings.</summary>
public sealed class FetcherUnderTest : IDisposable
{
    public const string BaseUrl = "https://bao.example.vn/";

    private readonly ServiceProvider _services;

    private FetcherUnderTest(ServiceProvider services)
    {
        _services = services;
        Fetcher = services.GetRequiredService<FeedFetcher>();
    }

    public FeedFetcher Fetcher { get; }

    /// <summary>Private networks allowed (the loopback server is one), small limits so hostile cases fail fast.</summary>
    public static FetcherUnderTest Create(Action<IngestionOptions>? configure = null, TimeProvider? clock = null) =>
        Create(configure, clock, exempt: null);

    /// <summary>Private networks refused, except connections to the given endpoints: proves later hops are checked again.</summary>
    public static FetcherUnderTest CreateGuarded(Func<IPEndPoint, bool>? exempt = null) =>
        Create(options => options.AllowPrivateNetworks = false, clock: null, exempt);

    private static FetcherUnderTest Create(Action<IngestionOptions>? configure, TimeProvider? clock, Func<IPEndPoint, bool>? exempt)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<IngestionOptions>(options =>
        {
            options.AllowPrivateNetworks = true;
            options.RequestTimeoutSeconds = 10;
            options.ConnectTimeoutSeconds = 5;
            configure?.Invoke(options);
        });
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }
        services.AddSingleton(provider => new UserAgent(provider.GetRequiredService<IOptions<IngestionOptions>>(), () => BaseUrl));
        services.AddFeedFetching();
        if (exempt is not null)
        {
            services.AddHttpClient(FeedFetcher.HttpClientName).ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var options = provider.GetRequiredService<IOptions<IngestionOptions>>().Value;
                return FeedHttpHandler.Create(options, new GuardedConnector(options.AllowPrivateNetworks, exempt));
            });
        }
        return new FetcherUnderTest(services.BuildServiceProvider());
    }

    public Task<FetchResult> FetchAsync(Uri url, string? etag = null, string? lastModified = null) =>
        Fetcher.FetchAsync(new FetchRequest(url, etag, lastModified), CancellationToken.None);

    public void Dispose() => _services.Dispose();
}
