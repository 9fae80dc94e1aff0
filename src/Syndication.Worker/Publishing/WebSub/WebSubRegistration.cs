using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;
using Syndication.Storage.Publishing;
using Syndication.Worker.Configuration;
using Syndication.Worker.Hosting;

namespace Syndication.Worker.Publishing.WebSub;

/// <summary>Registers WebSub publishing: its options, the published-feed store, the hub pinger and the notifier.</summary>
internal static class WebSubRegistration
{
    /// <summary>
    /// Adds WebSub, and — when <c>Syndication:WebSubHub</c> is set — its Quartz check job. Adds the job with a
    /// second <c>AddQuartz</c> call, which Quartz 4 treats as additive; the host must run the scheduler
    /// (<c>AddQuartzHostedService</c>, as <c>AddPollScheduler</c> does).
    /// </summary>
    public static IServiceCollection AddWebSub(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SyndicationOptions.SectionName);
        services.TryAddSingleton<PublishedFeedStore>();
        services.AddSingleton<HubPinger>();
        services.AddSingleton<WebSubNotifier>();
        services.AddHttpClient(HubPinger.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                // A hub that redirects its publish endpoint is misconfigured; the failure names the status.
                AllowAutoRedirect = false,
                // Its reads and writes continue off the socket event loops (the service answers feeds on them).
                ConnectCallback = OffLoopStream.ConnectAsync,
                ConnectTimeout = TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<WebSubOptions>>().Value.WebSubTimeoutSeconds),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .ConfigureHttpClient((provider, client) =>
                client.Timeout = TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<WebSubOptions>>().Value.WebSubTimeoutSeconds))
            // HubPinger's caller logs one line per ping; the factory's per-request lines would double it.
            .RemoveAllLoggers();

        var settings = section.Get<WebSubOptions>() ?? new WebSubOptions();
        // An invalid interval is reported by the options validation at start; no job is built from it.
        if (!string.IsNullOrWhiteSpace(section[nameof(SyndicationOptions.WebSubHub)]) && settings.WebSubCheckSeconds >= 1)
        {
            services.AddQuartz(quartz =>
            {
                quartz.AddJob<WebSubCheckJob>(job => job.WithIdentity(WebSubCheckJob.Key));
                quartz.AddTrigger(trigger => trigger
                    .ForJob(WebSubCheckJob.Key)
                    .StartNow()
                    .WithSimpleSchedule(schedule => schedule.WithInterval(TimeSpan.FromSeconds(settings.WebSubCheckSeconds)).RepeatForever()));
            });
        }
        return services;
    }
}
