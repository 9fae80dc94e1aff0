using Microsoft.Extensions.Options;
using Syndication.Core.Articles;
using Syndication.Core.Importing;
using Syndication.Storage;
using Syndication.Storage.Articles;
using Syndication.Storage.Cluster;
using Syndication.Storage.Schema;
using Syndication.Worker.Alerts;
using Syndication.Worker.Cluster;
using Syndication.Worker.Configuration;
using Syndication.Worker.Importing;
using Syndication.Worker.Ingestion;
using Syndication.Worker.Operations.Maintenance;
using Syndication.Worker.Partners;
using Syndication.Worker.Publishing.Export;
using Syndication.Worker.Publishing.WebSub;
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
        // The service's own sections too (WebSub, export, maintenance, shutdown): every verb checks every setting, so
        // a bad one is found by whatever runs first, not only when the service starts.
        services.AddValidated<WebSubOptions, WebSubOptionsValidator>(configuration, SyndicationOptions.SectionName);
        services.AddValidated<ExportOptions, ExportOptionsValidator>(configuration, ExportOptions.SectionName);
        services.AddValidated<MaintenanceOptions, MaintenanceOptionsValidator>(configuration, MaintenanceOptions.SectionName);
        services.AddValidated<ServiceLifeOptions, ServiceLifeOptionsValidator>(configuration, ServiceLifeOptions.SectionName);

        services.AddSingleton<Database>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<SyndicationOptions>>().Value;
            if (!string.IsNullOrWhiteSpace(options.Postgres))
            {
                return new Syndication.Storage.Postgres.PostgresDatabase(options.Postgres);
            }
            return new SqliteDatabase(options.Database, TimeSpan.FromMilliseconds(options.BusyTimeoutMs), options.MaxDatabaseMegabytes * 1024L * 1024);
        });
        services.AddSingleton<Migrator>();
        services.AddSingleton<LeaseOwner>();
        services.AddSingleton<JobLeaseStore>();
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
        services.AddAlerts(configuration);
        return services;
    }

    private static void AddValidated<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }
}
