using Quartz;
using Syndication.Storage.Search;

namespace Syndication.Worker.Search;

/// <summary>Registers search and related coverage: the stores and the relator (every verb), and the relating job (the service).</summary>
public static class SearchRegistration
{
    public static IServiceCollection AddSearch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SearchOptions>().Bind(configuration.GetSection(SearchOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<SearchOptions>, SearchOptionsValidator>();
        services.AddSingleton<SearchStore>();
        services.AddSingleton<CoverageStore>();
        services.AddSingleton<CoverageRelator>();
        services.AddSingleton<SearchService>();
        return services;
    }

    public static IServiceCollection AddRelatingJob(this IServiceCollection services, IConfiguration configuration)
    {
        var seconds = configuration.GetSection(SearchOptions.SectionName).Get<SearchOptions>()?.RelateIntervalSeconds ?? new SearchOptions().RelateIntervalSeconds;
        services.AddQuartz(quartz =>
        {
            quartz.AddJob<RelatingJob>(job => job.WithIdentity(RelatingJob.Key));
            quartz.AddTrigger(trigger => trigger
                .ForJob(RelatingJob.Key)
                .StartNow()
                .WithSimpleSchedule(schedule => schedule.WithInterval(TimeSpan.FromSeconds(Math.Max(1, seconds))).RepeatForever()));
        });
        return services;
    }
}
