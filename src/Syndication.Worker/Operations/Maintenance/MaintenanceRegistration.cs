using Microsoft.Extensions.Options;
using Quartz;
using Syndication.Storage.Maintenance;

namespace Syndication.Worker.Operations.Maintenance;

/// <summary>Registers the service's life and housekeeping: bounded shutdown, WAL checkpoint at stop, and the maintenance job.</summary>
internal static class MaintenanceRegistration
{
    /// <summary>Minutes before the first run, so a start (or a restart loop) is not slowed by housekeeping.</summary>
    private const int FirstRunDelayMinutes = 15;

    /// <summary>
    /// Adds the maintenance store, the shutdown bound (<c>Syndication:ShutdownTimeoutSeconds</c> as
    /// <see cref="HostOptions.ShutdownTimeout"/>), the checkpoint at stop and — unless <c>IntervalHours</c> is 0 — the
    /// Quartz maintenance job with a second, additive <c>AddQuartz</c> call (the host runs the scheduler, see AddPollScheduler).
    /// </summary>
    public static IServiceCollection AddMaintenance(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<DatabaseMaintenance>();

        services.AddOptions<HostOptions>().Configure<IOptions<ServiceLifeOptions>>(
            (host, life) => host.ShutdownTimeout = TimeSpan.FromSeconds(life.Value.ShutdownTimeoutSeconds));
        services.AddHostedService<WalCheckpointOnStop>();

        var section = configuration.GetSection(MaintenanceOptions.SectionName);
        var settings = section.Get<MaintenanceOptions>() ?? new MaintenanceOptions();
        // An invalid interval is reported by the options validation at start; no job is built from it.
        if (settings.IntervalHours is >= 1 and <= 8760)
        {
            services.AddQuartz(quartz =>
            {
                quartz.AddJob<MaintenanceJob>(job => job.WithIdentity(MaintenanceJob.Key));
                quartz.AddTrigger(trigger => trigger
                    .ForJob(MaintenanceJob.Key)
                    .StartAt(TimeProvider.System.GetUtcNow().AddMinutes(FirstRunDelayMinutes))
                    .WithSimpleSchedule(schedule => schedule.WithInterval(TimeSpan.FromHours(settings.IntervalHours)).RepeatForever()));
            });
        }
        return services;
    }
}
