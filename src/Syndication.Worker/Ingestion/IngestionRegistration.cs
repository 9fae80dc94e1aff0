using Quartz;
using Syndication.Storage.Ingestion;
using Syndication.Worker.Ingestion.Fetching;
using Syndication.Worker.Ingestion.Polling;
using Syndication.Worker.Ingestion.Scheduling;
using Syndication.Worker.Ingestion.Sources;

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
        services.AddSingleton<OwnFeeds>();
        services.AddSingleton<SourceCatalog>();
        services.AddSingleton<OpmlSourceSync>();
        services.AddSingleton<PollGate>();
        services.AddSingleton<SourcePoller>();
        services.AddFeedFetching();
        return services;
    }

    /// <summary>The hosted scheduler: one poll job per source, and a job that keeps that set in step with the database.</summary>
    public static IServiceCollection AddPollScheduler(this IServiceCollection services, IngestionOptions options)
    {
        services.AddSingleton<SourceSchedule>();
        services.AddSingleton<PollNow>();
        services.AddQuartz(quartz =>
        {
            // Polls are capped by PollGate; spare threads keep the schedule sync, retention, WebSub and export jobs
            // from waiting behind them.
            quartz.UseDefaultThreadPool(options.MaxConcurrentPolls + 3);
            if (options.RetentionDays > 0)
            {
                quartz.AddJob<RetentionJob>(job => job.WithIdentity(RetentionJob.Key));
                quartz.AddTrigger(trigger => trigger
                    .ForJob(RetentionJob.Key)
                    .StartNow()
                    .WithSimpleSchedule(schedule => schedule.WithInterval(TimeSpan.FromHours(1)).RepeatForever()));
            }
            if (options.Enabled)
            {
                quartz.AddJob<SourceScheduleJob>(job => job.WithIdentity(SourceScheduleJob.Key));
                quartz.AddTrigger(trigger => trigger
                    .ForJob(SourceScheduleJob.Key)
                    .StartNow()
                    .WithSimpleSchedule(schedule => schedule.WithInterval(TimeSpan.FromMinutes(1)).RepeatForever()));
            }
        });
        services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);
        return services;
    }
}
