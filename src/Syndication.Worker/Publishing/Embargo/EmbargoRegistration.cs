using Microsoft.Extensions.Options;
using Syndication.Worker.Configuration;

namespace Syndication.Worker.Publishing.Embargo;

/// <summary>Registers the embargo release (the service only) and what an archive change sets off.</summary>
public static class EmbargoRegistration
{
    public static IServiceCollection AddEmbargoRelease(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmbargoOptions>().Bind(configuration.GetSection(SyndicationOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmbargoOptions>, EmbargoOptionsValidator>();
        services.AddSingleton<ReleaseSignal>();
        services.AddSingleton<ArchiveChanges>();
        services.AddHostedService<EmbargoRelease>();
        return services;
    }
}
