using Quartz;

namespace Syndication.Worker.Publishing.Export;

/// <summary>Registers the static export and, when <c>Syndication:Export:Directory</c> is set, its Quartz job.</summary>
internal static class ExportRegistration
{
    /// <summary>
    /// Adds the exporter and its options; adds the scheduled job with a second <c>AddQuartz</c> call, which Quartz 4
    /// treats as additive. The host must run the scheduler (<c>AddQuartzHostedService</c>, as <c>AddPollScheduler</c> does).
    /// </summary>
    public static IServiceCollection AddScheduledExport(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(ExportOptions.SectionName);
        services.AddSingleton<FeedExporter>();

        var settings = section.Get<ExportOptions>() ?? new ExportOptions();
        // An invalid interval is reported by the options validation at start; no job is built from it.
        if (!string.IsNullOrWhiteSpace(settings.Directory) && settings.IntervalSeconds >= 1)
        {
            services.AddQuartz(quartz =>
            {
                quartz.AddJob<ExportJob>(job => job.WithIdentity(ExportJob.Key));
                quartz.AddTrigger(trigger => trigger
                    .ForJob(ExportJob.Key)
                    .StartNow()
                    .WithSimpleSchedule(schedule => schedule.WithInterval(TimeSpan.FromSeconds(settings.IntervalSeconds)).RepeatForever()));
            });
        }
        return services;
    }
}
