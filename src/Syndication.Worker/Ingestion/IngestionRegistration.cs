using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;
using Syndication.Storage.Ingestion;
using Syndication.Storage.Rules;
using Syndication.Worker.Cluster;
using Syndication.Worker.Ingestion.Fetching;
using Syndication.Worker.Ingestion.Polling;
using Syndication.Worker.Ingestion.Scheduling;
using Syndication.Worker.Ingestion.Sources;
using Syndication.Worker.Ingestion.WebSub;
using Syndication.Worker.Operations.Health;

namespace Syndication.Worker.Ingestion;

/// <summary>Registers ingestion: the stores, the fetcher and poller, and — for the service — the Quartz schedule.</summary>
public static class IngestionRegistration
{
    public static IServiceCollection AddIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IngestionOptions>()
            .Bind(configuration.GetSection(IngestionOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<IngestionOptions>, IngestionOptionsValidator>();
        services.AddSingleton<SourceStore>();
        services.AddSingleton<EntryStore>();
        services.AddSingleton<RuleStore>();
        services.AddSingleton<Rules.StoredEntryRules>();
        services.AddSingleton<Storage.Stories.StoryStore>();
        services.AddSingleton<OwnFeeds>();
        services.AddSingleton<SourceCatalog>();
        services.AddSingleton<OpmlSourceSync>();
        services.AddSingleton<PollGate>();
        services.AddSingleton<SourcePoller>();
        services.AddSingleton<LeasedPoller>();
        // Every verb that polls names a storage failure the way the service does.
        services.TryAddSingleton<StorageHealth>();
        services.AddFeedFetching();
        services.AddPushPolling(configuration);
        return services;
    }

    /// <summary>
    /// The hosted schedule: the poll loop that claims due sources from the store (when ingestion is on), and the Quartz
    /// scheduler that runs retention and the other periodic jobs.
    /// </summary>
    public static IServiceCollection AddPollScheduler(this IServiceCollection services, IngestionOptions options)
    {
        services.AddSingleton<PollDispatcher>();
        services.AddSingleton<PollNow>();
        if (options.Enabled)
        {
            services.AddHostedService(provider => provider.GetRequiredService<PollDispatcher>());
        }
        // Registered before the scheduler's hosted service, so it stops after it.
        services.AddHostedService<JobLeaseRelease>();
        services.AddQuartz(quartz =>
        {
            // Polls run in the poll loop, not here: these threads serve retention, WebSub, export, relating and maintenance.
            quartz.UseDefaultThreadPool(4);
            // Every one of those jobs is cluster-wide: it runs on the node that holds its lease.
            quartz.AddTriggerListener<ClusterJobLeases>(GroupMatcher<TriggerKey>.AnyGroup());
            if (options.RetentionDays > 0)
            {
                quartz.AddJob<RetentionJob>(job => job.WithIdentity(RetentionJob.Key));
                quartz.AddTrigger(trigger => trigger
                    .ForJob(RetentionJob.Key)
                    .StartNow()
                    .WithSimpleSchedule(schedule => schedule.WithInterval(TimeSpan.FromHours(1)).RepeatForever()));
            }
        });
        services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);
        return services;
    }
}
