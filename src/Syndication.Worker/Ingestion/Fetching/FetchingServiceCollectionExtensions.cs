using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Syndication.Worker.Publishing;

namespace Syndication.Worker.Ingestion.Fetching;

/// <summary>Registers <see cref="FeedFetcher"/> and its guarded HttpClient.</summary>
public static class FetchingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the fetcher, its named HttpClient and the <see cref="UserAgent"/>. Binding <see cref="IngestionOptions"/>
    /// to configuration is the host's part. The default User-Agent names the base URL the feeds themselves carry
    /// (<see cref="SiteProvider"/>, when registered); register a <see cref="UserAgent"/> first to choose another.
    /// </summary>
    public static IServiceCollection AddFeedFetching(this IServiceCollection services)
    {
        services.AddOptions<IngestionOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new UserAgent(
            provider.GetRequiredService<IOptions<IngestionOptions>>(),
            () => provider.GetService<SiteProvider>()?.Site.BaseUrl.AbsoluteUri));

        services.AddHttpClient(FeedFetcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var options = provider.GetRequiredService<IOptions<IngestionOptions>>().Value;
                return FeedHttpHandler.Create(options, new GuardedConnector(options.AllowPrivateNetworks));
            })
            // FeedFetcher enforces its own deadline over headers and body; HttpClient's would cover the headers only.
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            // One log line per fetch comes from FeedFetcher; the factory's per-request lines would double it.
            .RemoveAllLoggers();

        services.TryAddSingleton<FeedFetcher>();
        return services;
    }
}
