using Microsoft.Extensions.Options;
using Quartz;

namespace Syndication.Worker.Ingestion.WebSub;

/// <summary>Registers WebSub subscribing: its settings and store and the poll hook for every host; the callback's parts and the check job for the service.</summary>
public static class PushRegistration
{
    public static IServiceCollection AddPushPolling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PushOptions>().Bind(configuration.GetSection(PushOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PushOptions>, PushOptionsValidator>();
        services.AddSingleton<Storage.WebSub.PushSubscriptionStore>();
        services.AddSingleton<PushPolling>();
        return services;
    }

    /// <summary>
    /// The subscriber and the callback's handler, and — when subscribing is on — the Quartz job that requests, renews
    /// and lapses subscriptions (cluster-wide: it runs on the node holding its job lease). The host runs the scheduler.
    /// </summary>
    public static IServiceCollection AddPushSubscriber(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<HubSubscriber>();
        services.AddSingleton<PushDelivery>();
        services.AddSingleton<Operations.Admin.PushView.Reader>();
        var settings = configuration.GetSection(PushOptions.SectionName).Get<PushOptions>() ?? new PushOptions();
        // An invalid interval is reported by the options validation at start; no job is built from it.
        if (settings.Enabled && settings.CheckSeconds >= 1)
        {
            services.AddQuartz(quartz =>
            {
                quartz.AddJob<PushSubscriptionJob>(job => job.WithIdentity(PushSubscriptionJob.Key));
                quartz.AddTrigger(trigger => trigger
                    .ForJob(PushSubscriptionJob.Key)
                    .StartNow()
                    .WithSimpleSchedule(schedule => schedule.WithInterval(TimeSpan.FromSeconds(settings.CheckSeconds)).RepeatForever()));
            });
        }
        return services;
    }
}
