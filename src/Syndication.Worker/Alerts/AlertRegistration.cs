using Microsoft.Extensions.Options;
using Syndication.Storage.Alerts;
using Syndication.Worker.Ingestion;
using Syndication.Worker.Ingestion.Fetching;

namespace Syndication.Worker.Alerts;

/// <summary>Registers alerts: the store and registry every verb can use, and — for the service — the alert loop.</summary>
public static class AlertRegistration
{
    public static IServiceCollection AddAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>();
        services.AddSingleton<AlertStore>();
        services.AddSingleton<WebhookRegistry>();
        services.AddSingleton<AlertDecider>();
        services.AddSingleton<WebhookSender>();
        services.AddHttpClient(WebhookSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var ingestion = provider.GetRequiredService<IOptions<IngestionOptions>>().Value;
                return new SocketsHttpHandler
                {
                    // A receiver that redirects is misconfigured; following would also lead the guard's way round.
                    AllowAutoRedirect = false,
                    ConnectTimeout = TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<AlertOptions>>().Value.TimeoutSeconds),
                    ConnectCallback = new GuardedConnector(ingestion.AllowPrivateNetworks).ConnectAsync,
                    // Through a proxy the checked connection would be the proxy's, and the webhook's address would go unchecked.
                    UseProxy = false,
                    UseCookies = false,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                };
            })
            .ConfigureHttpClient((provider, client) =>
                client.Timeout = TimeSpan.FromSeconds(provider.GetRequiredService<IOptions<AlertOptions>>().Value.TimeoutSeconds))
            // The dispatcher logs one line per delivery.
            .RemoveAllLoggers();
        return services;
    }

    /// <summary>The alert loop, when <c>Syndication:Alerts:Enabled</c> (the default).</summary>
    public static IServiceCollection AddAlertDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AlertDispatcher>();
        if (configuration.GetSection(AlertOptions.SectionName).GetValue(nameof(AlertOptions.Enabled), true))
        {
            services.AddHostedService(provider => provider.GetRequiredService<AlertDispatcher>());
        }
        return services;
    }
}
