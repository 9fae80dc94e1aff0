using Microsoft.Extensions.Options;
using Syndication.Core.Articles;
using Syndication.Core.Importing;
using Syndication.Storage;
using Syndication.Storage.Articles;
using Syndication.Storage.Schema;
using Syndication.Worker.Configuration;
using Syndication.Worker.Importing;
using Syndication.Worker.Ingestion;
using Syndication.Worker.Partners;
using Syndication.Worker.Publishing;
using Syndication.Worker.Search;

namespace Syndication.Worker.Hosting;

/// <summary>Registers what every verb needs: options (validated at start), the store, the importer and the publisher.</summary>
public static class ServiceRegistration
{
    public static IServiceCollection AddSyndication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SyndicationOptions>()
            .Bind(configuration.GetSection(SyndicationOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SyndicationOptions>, SyndicationOptionsValidator>();
        services.AddSingleton(TimeProvider.System);

        services.AddSingleton<Database>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<SyndicationOptions>>().Value;
            return new SqliteDatabase(options.Database, TimeSpan.FromMilliseconds(options.BusyTimeoutMs));
        });
        services.AddSingleton<Migrator>();
        services.AddSingleton<ArticleStore>();

        services.AddSingleton(provider => TimeZoneInfo.FindSystemTimeZoneById(
            provider.GetRequiredService<IOptions<SyndicationOptions>>().Value.TimeZone));
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<SyndicationOptions>>().Value;
            return new SectionCatalog(options.Sections, options.DefaultSection);
        });
        services.AddSingleton<PlainTextArticleParser>();
        services.AddSingleton<JsonLinesArticleParser>();
        services.AddSingleton<ArticleImporter>();

        services.AddSingleton<SiteProvider>();
        services.AddSingleton<ArchiveRevision>();
        services.AddSingleton(provider => new FeedCache(
            provider.GetRequiredService<ArchiveRevision>(),
            maxBytes: provider.GetRequiredService<IOptions<SyndicationOptions>>().Value.FeedCacheMegabytes * 1024L * 1024));
        services.AddSingleton<FeedPublisher>();
        services.AddSingleton<FeedCatalog>();
        services.AddIngestion(configuration);
        services.AddPartners(configuration);
        services.AddSearch(configuration);
        return services;
    }
}
